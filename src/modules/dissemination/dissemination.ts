/**
 * Dissemination of a review's learning: pure types and rules, no I/O (issue 15, part 3).
 *
 * Learning that stops at the published report changes nothing: each agency asked records how it shared
 * the learning with its practitioners (a team meeting, training, a bulletin), when, and how many it
 * reached. The coordinator sees one table per review; agencies that have not recorded by the due date are
 * reminded by email, once.
 */
import { calendarDaysBetween, type IsoDate } from '../clocks/plain-date.ts'
import type { FieldError } from '../errors.ts'

/** How learning is shared. */
export const METHODS = ['team_meeting', 'training', 'bulletin', 'other'] as const
export type Method = (typeof METHODS)[number]

export const METHOD_NAMES: Readonly<Record<Method, string>> = {
  team_meeting: 'Team meeting',
  training: 'Training or learning event',
  bulletin: 'Bulletin or briefing sent to staff',
  other: 'Another way',
}

export function isMethod(value: string): value is Method {
  return (METHODS as readonly string[]).includes(value)
}

/** Most practitioners one record may claim (a large agency's whole workforce). */
export const MAX_PRACTITIONERS = 100_000

/** One way an agency shared the learning. */
export interface DisseminationRecord {
  readonly id: string
  readonly requestId: string
  readonly method: Method
  readonly sharedOn: IsoDate
  readonly practitioners: number
  readonly note: string
  readonly recordedByName: string
  readonly createdAt: string
}

/** An agency asked to share the learning, with what it recorded. */
export interface DisseminationRequest {
  readonly id: string
  readonly reviewId: string
  readonly partnershipId: string
  readonly agencyId: string
  readonly agencyName: string
  readonly dueDate: IsoDate
  readonly createdAt: string
  readonly records: readonly DisseminationRecord[]
}

/** An agency's row of the review's table: its records, practitioners reached, and whether it is late. */
export interface AgencyDissemination extends DisseminationRequest {
  readonly practitioners: number
  readonly status: 'recorded' | 'overdue' | 'waiting'
  readonly daysOverdue: number
}

/** What the record form holds (the date read from its date input; null when not given or not real). */
export interface RecordInput {
  readonly agencyId: string
  readonly method: string
  readonly sharedOn: IsoDate | null
  readonly practitioners: string
  readonly note: string
}

/**
 * The review's table: one row per agency asked, overdue first (most overdue first), then waiting, then
 * recorded, each by agency name. Pure; never throws.
 */
export function disseminationRows(requests: readonly DisseminationRequest[], today: IsoDate): AgencyDissemination[] {
  const rows = requests.map((r): AgencyDissemination => {
    const practitioners = r.records.reduce((sum, x) => sum + x.practitioners, 0)
    const late = r.records.length ? 0 : Math.max(0, calendarDaysBetween(r.dueDate, today))
    const status = r.records.length ? 'recorded' : late > 0 ? 'overdue' : 'waiting'
    return { ...r, practitioners, status, daysOverdue: late }
  })
  const rank = { overdue: 0, waiting: 1, recorded: 2 } as const
  return rows.sort(
    (a, b) =>
      rank[a.status] - rank[b.status] || b.daysOverdue - a.daysOverdue || a.agencyName.localeCompare(b.agencyName),
  )
}

/**
 * Checks a record: a known way of sharing, a date on or before `today`, a whole number of practitioners
 * (0 to MAX_PRACTITIONERS) and a note of at most 2,000 characters. Every problem at once. Pure.
 */
export function checkRecord(
  input: RecordInput,
  today: IsoDate,
): { errors: FieldError[]; record: { method: Method; sharedOn: IsoDate; practitioners: number; note: string } } {
  const errors: FieldError[] = []
  const method = input.method.trim()
  if (!isMethod(method)) errors.push({ field: 'method', message: 'Select how the learning was shared' })
  if (!input.sharedOn) errors.push({ field: 'sharedOn-day', message: 'Enter the date the learning was shared' })
  else if (input.sharedOn > today)
    errors.push({ field: 'sharedOn-day', message: 'The date shared must be today or in the past' })
  const typed = input.practitioners.trim().replace(/,/g, '')
  const practitioners = Number(typed)
  if (!typed) errors.push({ field: 'practitioners', message: 'Enter how many practitioners the learning reached' })
  else if (!/^\d+$/.test(typed) || !Number.isSafeInteger(practitioners))
    errors.push({ field: 'practitioners', message: 'The number of practitioners must be a whole number, like 25' })
  else if (practitioners > MAX_PRACTITIONERS)
    errors.push({
      field: 'practitioners',
      message: `The number of practitioners must be ${MAX_PRACTITIONERS} or fewer`,
    })
  const note = input.note.trim()
  if (note.length > 2000) errors.push({ field: 'note', message: 'The note must be 2000 characters or fewer' })
  return {
    errors,
    record: { method: method as Method, sharedOn: input.sharedOn ?? '', practitioners: practitioners || 0, note },
  }
}
