import { chronologySortKey } from './chronology-date.ts'
import type { ChronologyEntryDraft } from './chronology-import.ts'

/** What an entry says (a draft row without its file row number). */
export type EntryContent = Omit<ChronologyEntryDraft, 'row'>

/** The columns of an entry's text (typed entries, corrections and replacements in `chronology-entry.repository.ts`). */
export function entryColumns(content: EntryContent) {
  return {
    agency: content.agency,
    date: JSON.stringify(content.date),
    sort_key: chronologySortKey(content.date, content.time),
    date_start: content.date.start,
    date_end: content.date.end,
    time: content.time,
    source_record: content.sourceRecord,
    practitioner_role: content.practitionerRole,
    people_involved: JSON.stringify(content.peopleInvolved),
    event: content.event,
    action_taken: content.actionTaken,
    outcome: content.outcome,
    significance: content.significance,
  }
}
