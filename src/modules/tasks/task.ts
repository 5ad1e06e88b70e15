/**
 * Tasks and the review's task list: pure types and rules, no I/O.
 *
 * A task is one thing waiting for the signed-in person (the GOV.UK "your tasks" pattern), with the page
 * where it is done. The review's task list is every part of a review with its status, worked out from
 * what is recorded (the review, its agency requests, its documents, its publication steps).
 */
import { calendarDaysBetween, type IsoDate } from '../clocks/plain-date.ts'

/** One thing waiting for someone, and where it is done. */
export interface Task {
  /** What to do, in plain English ("Send your agency's chronology"). */
  readonly title: string
  /** The page where it is done. */
  readonly href: string
  /** Which review it belongs to ("MSCP-2026-001 Child M"), or null for work outside a review. */
  readonly review: string | null
  /** When it is due, or null when there is no date. */
  readonly dueDate: IsoDate | null
  /** A short line of detail ("Asked on 3 November 2026", "2 agencies overdue"). */
  readonly detail?: string
}

/** A task with what ordering worked out: whether it is overdue and by how many calendar days. */
export interface OrderedTask extends Task {
  readonly overdue: boolean
  /** Calendar days past the due date (0 when not overdue or undated). */
  readonly daysOverdue: number
}

/** Calendar days `dueDate` is past `today`: 0 on or before the due date. Pure; never throws. */
export function daysOverdue(dueDate: IsoDate | null, today: IsoDate): number {
  if (!dueDate) return 0
  return Math.max(0, calendarDaysBetween(dueDate, today))
}

/**
 * Orders tasks for a home page: overdue first (longest overdue first), then by due date (soonest first),
 * then undated ones; ties keep their given order (the sort is stable). Pure; never throws.
 */
export function orderTasks(tasks: readonly Task[], today: IsoDate): OrderedTask[] {
  return tasks
    .map((task): OrderedTask => {
      const days = daysOverdue(task.dueDate, today)
      return { ...task, overdue: days > 0, daysOverdue: days }
    })
    .sort((a, b) => {
      if (a.dueDate === null || b.dueDate === null) return a.dueDate === b.dueDate ? 0 : a.dueDate === null ? 1 : -1
      return a.dueDate.localeCompare(b.dueDate)
    })
}

// The review's task list ------------------------------------------------------------------------------------

/** Statuses of a part of a review, as the GOV.UK task list shows them. */
export const PART_STATUSES = ['cannot_start', 'not_started', 'in_progress', 'waiting', 'done'] as const
export type PartStatus = (typeof PART_STATUSES)[number]

/** The parts of a review, in the order the work is done. */
export const REVIEW_PARTS = [
  'notification',
  'rapid_review',
  'decision',
  'commissioning',
  'agency_contributions',
  'integrated_chronology',
  'overview_report',
  'executive_summary',
  'recommendations',
  'anonymisation',
  'publication',
] as const
export type ReviewPart = (typeof REVIEW_PARTS)[number]

/** The names of the parts, as the task list shows them. */
export const REVIEW_PART_NAMES: Readonly<Record<ReviewPart, string>> = {
  notification: 'Notification of the serious incident',
  rapid_review: 'Rapid review',
  decision: 'Decision whether to hold a review',
  commissioning: 'Commissioning',
  agency_contributions: 'Agency chronologies and reports',
  integrated_chronology: 'Integrated chronology',
  overview_report: 'Overview report',
  executive_summary: 'Executive summary',
  recommendations: 'Findings, recommendations and action plan',
  anonymisation: 'Anonymisation',
  publication: 'Sign-off and publication',
}

/** One part's status, and whom it waits on when it is waiting. */
export interface PartState {
  readonly part: ReviewPart
  readonly status: PartStatus
  /** For `waiting`: on whom ("the chair", "2 agencies"); for `cannot_start`: what must happen first. */
  readonly note: string | null
}

/** An agency request, as the status rules need it. */
export interface RequestFact {
  readonly agencyId: string
  readonly kind: 'chronology' | 'agency_report'
  readonly status: 'requested' | 'submitted'
}

/** A report's state, as the status rules need it. */
export interface DocumentFact {
  /** 0 when nothing is written yet. */
  readonly latestVersion: number
  /** Sent for anonymisation (a review document exists). */
  readonly sentForAnonymisation: boolean
  /** Marked anonymised and still holding the latest version. */
  readonly anonymisedAndCurrent: boolean
}

/** What is recorded about a review, for {@link reviewPartStates}. Every field is a fact, never a guess. */
export interface ReviewFacts {
  readonly notificationSubmitted: boolean
  readonly rapidReviewStarted: boolean
  readonly rapidReviewOutcomeRecorded: boolean
  /** The decision's outcome, or null before the decision. */
  readonly decision: string | null
  readonly commissioned: boolean
  readonly requests: readonly RequestFact[]
  /** Chronology entries submitted by agencies (or null when the actor may not know). */
  readonly chronologyEntries: number | null
  /** Overview report and executive summary, or null when the actor may not know. */
  readonly overviewReport: DocumentFact | null
  readonly executiveSummary: DocumentFact | null
  /** Recommendations made (or null when the actor may not know). */
  readonly recommendations: number | null
  /** Publication steps recorded out of all of them, and the next step's name and who records it. */
  readonly publication: {
    readonly done: number
    readonly total: number
    readonly next: { readonly name: string; readonly who: string } | null
    readonly published: boolean
    readonly notToPublish: boolean
  } | null
  /** The review is closed by a decision not to hold a local review. */
  readonly closedWithoutReview: boolean
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

/**
 * The status of every part of a review, in {@link REVIEW_PARTS} order, from what is recorded.
 *
 * Rules (the same for every reader; parts the reader may not know about are `not_started` with a note):
 * - a part that needs an earlier one is `cannot_start` until that is done, with what must happen first;
 * - agency work is `waiting` on the agencies still to submit, `done` when every request is submitted;
 * - a document is `in_progress` once written, `done` when anonymised and current;
 * - publication is `waiting` on whoever records the next step, `done` once published.
 * Pure; never throws.
 */
export function reviewPartStates(facts: ReviewFacts): PartState[] {
  const s = (part: ReviewPart, status: PartStatus, note: string | null = null): PartState => ({ part, status, note })
  const localReview = facts.decision === 'local_review'
  const afterDecision = (part: ReviewPart): PartState | null => {
    if (facts.closedWithoutReview || (facts.decision && !localReview))
      return s(part, 'cannot_start', 'Not needed: the decision was not to hold a local review')
    if (!facts.commissioned) return s(part, 'cannot_start', 'Commission the review first')
    return null
  }
  const document = (part: ReviewPart, doc: DocumentFact | null): PartState => {
    const blocked = afterDecision(part)
    if (blocked) return blocked
    if (!doc) return s(part, 'not_started')
    if (doc.anonymisedAndCurrent) return s(part, 'done')
    if (doc.latestVersion > 0) return s(part, 'in_progress')
    return s(part, 'not_started')
  }

  const states: PartState[] = []
  states.push(s('notification', facts.notificationSubmitted ? 'done' : 'in_progress'))

  if (!facts.notificationSubmitted) states.push(s('rapid_review', 'cannot_start', 'Submit the notification first'))
  else if (facts.rapidReviewOutcomeRecorded) states.push(s('rapid_review', 'done'))
  else states.push(s('rapid_review', facts.rapidReviewStarted ? 'in_progress' : 'not_started'))

  if (facts.decision) states.push(s('decision', 'done'))
  else if (!facts.notificationSubmitted) states.push(s('decision', 'cannot_start', 'Submit the notification first'))
  else if (facts.rapidReviewOutcomeRecorded) states.push(s('decision', 'waiting', 'the chair'))
  else states.push(s('decision', 'cannot_start', 'Record the rapid review’s outcome first'))

  if (facts.decision && !localReview) {
    states.push(s('commissioning', 'cannot_start', 'Not needed: the decision was not to hold a local review'))
  } else if (facts.commissioned) states.push(s('commissioning', 'done'))
  else if (localReview) states.push(s('commissioning', 'not_started'))
  else states.push(s('commissioning', 'cannot_start', 'Record the decision first'))

  // Coordinators may ask agencies before commissioning: once asked, the agencies' answers are what count.
  const contributions = facts.requests.length ? null : afterDecision('agency_contributions')
  if (contributions) states.push(contributions)
  else if (facts.requests.length === 0) states.push(s('agency_contributions', 'not_started'))
  else {
    const open = new Set(facts.requests.filter((r) => r.status === 'requested').map((r) => r.agencyId))
    states.push(
      open.size === 0
        ? s('agency_contributions', 'done')
        : s('agency_contributions', 'waiting', plural(open.size, 'agency', 'agencies')),
    )
  }

  const integrated = afterDecision('integrated_chronology')
  const chronologyRequests = facts.requests.filter((r) => r.kind === 'chronology')
  if (integrated) states.push(integrated)
  else if (chronologyRequests.length === 0 && !facts.chronologyEntries)
    states.push(s('integrated_chronology', 'cannot_start', 'Ask agencies for their chronologies first'))
  else if (chronologyRequests.length > 0 && chronologyRequests.every((r) => r.status === 'submitted'))
    states.push(s('integrated_chronology', 'done'))
  else if (chronologyRequests.some((r) => r.status === 'submitted') || facts.chronologyEntries)
    states.push(s('integrated_chronology', 'in_progress'))
  else states.push(s('integrated_chronology', 'waiting', 'the agencies’ chronologies'))

  states.push(document('overview_report', facts.overviewReport))
  states.push(document('executive_summary', facts.executiveSummary))

  const recommendations = afterDecision('recommendations')
  if (recommendations) states.push(recommendations)
  else if (facts.recommendations) states.push(s('recommendations', 'in_progress'))
  else states.push(s('recommendations', 'not_started'))

  const anonymisation = afterDecision('anonymisation')
  const docs = [facts.overviewReport, facts.executiveSummary]
  if (anonymisation) states.push(anonymisation)
  else if (docs.every((d) => d?.anonymisedAndCurrent)) states.push(s('anonymisation', 'done'))
  else if (docs.some((d) => d?.sentForAnonymisation)) states.push(s('anonymisation', 'in_progress'))
  else if (docs.some((d) => d && d.latestVersion > 0)) states.push(s('anonymisation', 'not_started'))
  else states.push(s('anonymisation', 'cannot_start', 'Write the overview report and executive summary first'))

  const publication = afterDecision('publication')
  const p = facts.publication
  if (publication) states.push(publication)
  else if (!p) states.push(s('publication', 'not_started'))
  else if (p.published) states.push(s('publication', 'done'))
  else if (p.notToPublish) states.push(s('publication', 'done', 'Decided not to publish'))
  else if (p.next && p.done > 0) states.push(s('publication', 'waiting', p.next.who))
  else states.push(s('publication', 'not_started'))
  return states
}

// Agency rows -----------------------------------------------------------------------------------------------

/** A reminder email about one agency request, as the coordinator sees it. */
export interface ReminderFact {
  readonly requestId: string
  readonly to: string
  readonly queuedAt: string
  readonly status: 'queued' | 'sent' | 'failed'
  readonly sentAt: string | null
}

/** An agency's line in the review's task list: what it was asked, due, reminded and submitted. */
export interface AgencyRow {
  readonly agencyId: string
  readonly agencyName: string
  /** Each kind asked of the agency. */
  readonly requests: ReadonlyArray<{
    readonly id: string
    readonly kind: 'chronology' | 'agency_report'
    readonly askedOn: string
    readonly dueDate: IsoDate
    readonly submittedAt: string | null
    /** Calendar days past due while not submitted; 0 otherwise. */
    readonly daysOverdue: number
    readonly reminders: number
    /** When the latest reminder was queued, or null when none was. */
    readonly lastRemindedAt: string | null
  }>
  /** Every request submitted. */
  readonly allSubmitted: boolean
  /** The most days any open request of the agency is overdue (0 when none is). */
  readonly daysOverdue: number
}

/**
 * One row per agency asked for anything in the review, overdue agencies first (most overdue first), then by
 * name. Reminders are matched to requests by request id. Pure; never throws.
 */
export function agencyRows(
  requests: ReadonlyArray<{
    id: string
    agencyId: string
    kind: 'chronology' | 'agency_report'
    dueDate: IsoDate
    status: 'requested' | 'submitted'
    createdAt: string
    submittedAt: string | null
  }>,
  agencyNames: ReadonlyMap<string, string>,
  reminders: readonly ReminderFact[],
  today: IsoDate,
): AgencyRow[] {
  const byAgency = new Map<string, typeof requests>()
  for (const r of requests) byAgency.set(r.agencyId, [...(byAgency.get(r.agencyId) ?? []), r])
  const rows = [...byAgency].map(([agencyId, asked]): AgencyRow => {
    const lines = asked.map((r) => {
      const sent = reminders.filter((m) => m.requestId === r.id)
      const last =
        sent
          .map((m) => m.queuedAt)
          .sort()
          .at(-1) ?? null
      return {
        id: r.id,
        kind: r.kind,
        askedOn: r.createdAt,
        dueDate: r.dueDate,
        submittedAt: r.status === 'submitted' ? (r.submittedAt ?? r.createdAt) : null,
        daysOverdue: r.status === 'submitted' ? 0 : daysOverdue(r.dueDate, today),
        reminders: sent.length,
        lastRemindedAt: last,
      }
    })
    return {
      agencyId,
      agencyName: agencyNames.get(agencyId) ?? 'Unknown agency',
      requests: lines,
      allSubmitted: lines.every((l) => l.submittedAt !== null),
      daysOverdue: Math.max(0, ...lines.map((l) => l.daysOverdue)),
    }
  })
  return rows.sort((a, b) => b.daysOverdue - a.daysOverdue || a.agencyName.localeCompare(b.agencyName))
}

/**
 * The request id in a reminder's queue-once key (`request.reminder:<requestId>:<dueDate>:<userId>`, written
 * by the agency-report reminders), or null for any other email. Pure; never throws.
 */
export function requestIdOfReminderKey(dedupeKey: string | null): string | null {
  const match = /^request\.(?:reminder|overdue):([^:]+):/.exec(dedupeKey ?? '')
  return match ? match[1] : null
}

// Stage gates and sign-off ----------------------------------------------------------------------------------

/** Kinds of home task whose turn depends on the review's stage. */
export type StagedWork = 'contribution' | 'chase' | 'writing' | 'reading'

/** Stages in which agencies can still be asked and chased (coordinators may ask before commissioning). */
const GATHERING = ['notified', 'rapid_review', 'decided', 'commissioned', 'information_gathering', 'analysis_and_drafting']

/**
 * The stages in which each kind of work can be waiting on someone: agencies contribute and are chased
 * until the report goes for sign-off; reports are written from information gathering until publication
 * and read until sign-off. After publication (action monitoring) and once closed, none of it is waiting.
 */
const STAGES_OF_WORK: Readonly<Record<StagedWork, ReadonlySet<string>>> = {
  contribution: new Set(GATHERING),
  chase: new Set(GATHERING),
  writing: new Set(['information_gathering', 'analysis_and_drafting', 'sign_off', 'publication']),
  reading: new Set(['information_gathering', 'analysis_and_drafting', 'sign_off']),
}

/** Whether a review at `stage` can have `work` waiting on someone (see STAGES_OF_WORK). Pure; never throws. */
export function stageAllows(stage: string, work: StagedWork): boolean {
  return STAGES_OF_WORK[work].has(stage)
}

/**
 * The sign-off task for a signer, or null when there is none for them: a person acting for a statutory
 * partner has a task only while their partner has not signed; anyone else who may record the step (a
 * chair not linked to a partner) is told which partners are still waiting. Names only partners still
 * waiting; null once all have signed. Pure; never throws.
 */
export function signOffTask(
  partners: ReadonlyArray<{ partner: string; name: string; signOff: unknown }>,
  actorPartner: string | null,
): { title: string; detail: string } | null {
  const waiting = partners.filter((p) => !p.signOff)
  if (waiting.length === 0) return null
  const names = waiting.map((p) => p.name).join(', ')
  if (actorPartner === null) return { title: 'The safeguarding partners sign off the report', detail: `Waiting for: ${names}` }
  const own = waiting.find((p) => p.partner === actorPartner)
  if (!own) return null
  const others = waiting.filter((p) => p !== own).map((p) => p.name)
  return {
    title: `Sign off the report for the ${own.name.toLowerCase()}`,
    detail: others.length ? `Also waiting for: ${others.join(', ')}` : 'The last partner to sign',
  }
}
