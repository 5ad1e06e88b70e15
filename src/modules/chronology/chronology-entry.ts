/**
 * Rules of one chronology entry: what the entry form sends, the checks of a typed entry (GOV.UK messages per
 * field), who may change an entry, and the dates of the filters. Pure: no database, no access checks.
 */
import type { Actor } from '../access/actor.ts'
import { roleAllows } from '../access/permissions.ts'
import { isIsoDate, type IsoDate } from '../clocks/plain-date.ts'
import { ValidationError, type FieldError } from '../errors.ts'
import { parseChronologyDate, parseChronologyTime } from './chronology-date.ts'
import { CHRONOLOGY_FIELD_LABELS, DEFAULT_IMPORT_LIMITS, looksLikeFormula } from './chronology-import.ts'
import type { ChronologyEntry } from './chronology.ts'
import type { EntryContent } from './chronology-entry-columns.ts'
import { splitPeople } from './people-links.ts'

/** Longest text accepted in an entry field typed in the browser. */
export const MAX_ENTRY_FIELD_CHARS = DEFAULT_IMPORT_LIMITS.maxCellChars

/** What is typed in the entry form (text, as typed). */
export interface EntryInput {
  entryId?: string
  agencyId?: string
  date: string
  time: string
  agency?: string
  sourceRecord: string
  practitionerRole: string
  peopleInvolved: string
  event: string
  actionTaken: string
  outcome: string
  significance: string
}

/** A correction of a submitted entry: its new text, why, and the version it was based on. */
export interface EntryCorrection extends EntryInput {
  version: string
  reason: string
}

/**
 * Who may change an entry (its people, or a correction when submitted): an agency contributor their own
 * agency's entries, a coordinator any agency's, a lead reviewer (`report.write`) submitted entries only.
 */
export function mayChangeEntry(actor: Actor, entry: ChronologyEntry, confinedToAgency: string | null): boolean {
  if (roleAllows(actor.role, 'chronology.submit'))
    return confinedToAgency === null || entry.agencyId === confinedToAgency
  return entry.status === 'submitted' && roleAllows(actor.role, 'report.write')
}

/** Submitters change entries as `chronology.submit`; lead reviewers correct submitted ones as `report.write`. */
export function entryChangePermission(actor: Actor): 'chronology.submit' | 'report.write' {
  return roleAllows(actor.role, 'chronology.submit') ? 'chronology.submit' : 'report.write'
}

/** An entry's text (what a correction replaces). */
export function contentOf(e: ChronologyEntry): EntryContent {
  return {
    agency: e.agency,
    date: e.date,
    time: e.time,
    sourceRecord: e.sourceRecord,
    practitionerRole: e.practitionerRole,
    peopleInvolved: e.peopleInvolved,
    event: e.event,
    actionTaken: e.actionTaken,
    outcome: e.outcome,
    significance: e.significance,
  }
}

/** Checks an entry typed in the browser; throws ValidationError with one message per field. */
export function validateEntry(input: EntryInput, agencyName: string): EntryContent {
  const errors: FieldError[] = []
  const text = (field: keyof EntryInput & string, label: string) => {
    const value = String(input[field] ?? '').trim()
    if (value.length > MAX_ENTRY_FIELD_CHARS) {
      errors.push({
        field,
        message: `The ${label} must be ${MAX_ENTRY_FIELD_CHARS.toLocaleString('en-GB')} characters or fewer`,
      })
    } else if (looksLikeFormula(value)) {
      errors.push({
        field,
        message: `The ${label} starts with "${value[0]}" and looks like a spreadsheet formula. Enter the text without the "${value[0]}" at the start`,
      })
    }
    return value
  }
  const dateText = String(input.date ?? '').trim()
  let date = null
  if (!dateText) errors.push({ field: 'date', message: 'Enter the date of the event' })
  else {
    const parsed = parseChronologyDate(dateText)
    if (parsed.ok) date = parsed.value
    else errors.push({ field: 'date', message: parsed.message })
  }
  const time = parseChronologyTime(String(input.time ?? '').trim())
  if (!time.ok) errors.push({ field: 'time', message: time.message })
  const event = text('event', CHRONOLOGY_FIELD_LABELS.event)
  if (!event && !errors.some((e) => e.field === 'event')) {
    errors.push({ field: 'event', message: 'Enter what happened' })
  }
  const content = {
    agency: text('agency', 'agency') || agencyName,
    sourceRecord: text('sourceRecord', CHRONOLOGY_FIELD_LABELS.source_record),
    practitionerRole: text('practitionerRole', CHRONOLOGY_FIELD_LABELS.practitioner_role),
    peopleInvolved: splitPeople(text('peopleInvolved', CHRONOLOGY_FIELD_LABELS.people_involved)),
    event,
    actionTaken: text('actionTaken', CHRONOLOGY_FIELD_LABELS.action_taken),
    outcome: text('outcome', CHRONOLOGY_FIELD_LABELS.outcome),
    significance: text('significance', CHRONOLOGY_FIELD_LABELS.significance),
  }
  if (errors.length || !date || !time.ok) throw new ValidationError(errors)
  return { ...content, date, time: time.value }
}

/** Reads a filter's date ("1 October 2022", "2022-10-01", "October 2022"): its first or last day. */
export function filterDate(text: string, end: 'start' | 'end'): IsoDate | null | 'invalid' {
  const value = text.trim()
  if (!value) return null
  if (isIsoDate(value)) return value
  const parsed = parseChronologyDate(value)
  return parsed.ok ? parsed.value[end] : 'invalid'
}
