/**
 * Sign-off and publication as pure rules: the steps in order, who records each, what a step needs
 * before it can be recorded (in plain English), and the facts about the child that the national
 * repository's facets hold. No database, no web.
 */
import type { Permission } from '../access/permissions.ts'
import { applyClockLength, DEFAULT_CLOCKS, type ClockDefinition } from '../clocks/clock.ts'
import { compareIsoDates, formatLongDate, isIsoDate, todayInEngland, type IsoDate } from '../clocks/plain-date.ts'
import type { AgeBand, EthnicGroup, Sex } from '../published-reviews/published-review.ts'

/** The steps, in the order they must happen (section 4, items 8 and 9, of the domain reference). */
export const PUBLICATION_STEPS = [
  'panel_agreed',
  'signed_off',
  'family_informed',
  'anonymised',
  'sent_to_panel',
  'embargo_cleared',
  'approved',
  'published',
] as const
export type PublicationStep = (typeof PUBLICATION_STEPS)[number]

/** Everything recorded in a review's publication history: the steps, and decisions not to publish. */
export const PUBLICATION_EVENTS = [
  ...PUBLICATION_STEPS,
  'not_publishing',
  'not_publishing_reversed',
  'withdrawn',
] as const
export type PublicationEvent = (typeof PUBLICATION_EVENTS)[number]

/** What each step is called, who records it, and the permission that allows it. */
export const STEP_INFO: Readonly<
  Record<PublicationStep, { name: string; who: string; permission: Permission; path: string }>
> = {
  panel_agreed: {
    name: 'The review panel agrees the draft',
    who: 'Review coordinator',
    permission: 'review.manage',
    path: 'panel-agreement',
  },
  signed_off: {
    name: 'The safeguarding partners sign off the report',
    who: 'Board chair or safeguarding partner',
    permission: 'review.signOff',
    path: 'sign-off',
  },
  family_informed: {
    name: 'The family is told before publication',
    who: 'Review coordinator',
    permission: 'review.manage',
    path: 'family-informed',
  },
  anonymised: {
    name: 'Both documents are anonymised',
    who: 'Review coordinator',
    permission: 'review.manage',
    path: 'anonymised',
  },
  sent_to_panel: {
    name: 'The report is sent to the national Panel',
    who: 'Review coordinator',
    permission: 'review.manage',
    path: 'sent-to-panel',
  },
  embargo_cleared: {
    name: 'No unfinished criminal process holds publication back',
    who: 'Review coordinator',
    permission: 'review.manage',
    path: 'embargo-cleared',
  },
  approved: {
    name: 'The chair approves publication',
    who: 'Board chair or safeguarding partner',
    permission: 'review.approvePublication',
    path: 'approval',
  },
  published: {
    name: 'The report is published in the national repository',
    who: 'Review coordinator',
    permission: 'review.manage',
    path: 'publish',
  },
}

/** One recorded event of the publication history. */
export interface StepRecord {
  position: number
  step: PublicationEvent
  /** The date it happened (the family was told, the report was sent), or the day it was recorded. */
  happenedOn: IsoDate
  /** How the family was told (family_informed only). */
  how: string | null
  note: string
  recordedBy: string
  recordedByName: string
  recordedAt: string
  /** How the embargo ended ("embargo cleared" after an embargo); null otherwise. */
  outcome: EmbargoOutcome | null
  /** The outcome in the recorder's words, when it is "other". */
  outcomeDetail: string | null
}

/** How an embargo (an unfinished criminal process) can end. */
export const EMBARGO_OUTCOMES = ['proceedings_concluded', 'charge_not_pursued', 'restriction_lifted', 'other'] as const
export type EmbargoOutcome = (typeof EMBARGO_OUTCOMES)[number]

/** Each outcome as the page and the history show it. */
export const EMBARGO_OUTCOME_LABELS: Readonly<Record<EmbargoOutcome, string>> = {
  proceedings_concluded: 'Criminal proceedings concluded',
  charge_not_pursued: 'Charge not pursued',
  restriction_lifted: 'Court lifted the reporting restriction',
  other: 'Other',
}

/**
 * The review stage each step moves the review on to (never back): the panel's agreement starts
 * sign-off, the chair's approval starts publication, publishing starts monitoring the action plan.
 */
export const STAGE_AFTER_STEP: Readonly<
  Partial<Record<PublicationStep, 'sign_off' | 'publication' | 'action_monitoring'>>
> = {
  panel_agreed: 'sign_off',
  approved: 'publication',
  published: 'action_monitoring',
}

/** Where a review's publication stands. */
export interface PublicationProgress {
  /** The latest record of each step done. */
  done: Partial<Record<PublicationStep, StepRecord>>
  /** The step to record next; null once published. */
  next: PublicationStep | null
  /** The decision not to publish in force, or null. */
  stoppedBy: StepRecord | null
  /** The withdrawal of the published entry from the repository, or null. */
  withdrawn: StepRecord | null
}

/** Where the steps stand after `records` (in recorded order). Pure; never throws. */
export function progressOf(records: readonly StepRecord[]): PublicationProgress {
  const done: Partial<Record<PublicationStep, StepRecord>> = {}
  let stoppedBy: StepRecord | null = null
  let withdrawn: StepRecord | null = null
  for (const record of [...records].sort((a, b) => a.position - b.position)) {
    if (record.step === 'not_publishing') stoppedBy = record
    else if (record.step === 'not_publishing_reversed') stoppedBy = null
    else if (record.step === 'withdrawn') withdrawn = record
    else done[record.step] = record
  }
  const next = PUBLICATION_STEPS.find((step) => !done[step]) ?? null
  return { done, next, stoppedBy, withdrawn }
}

/** A document's readiness for publication, as the reports slice reports it. */
export interface DocumentReadiness {
  kind: string
  title: string
  latestVersion: number
  anonymisedAndCurrent: boolean
  problem: string | null
}

/** What a step's guard looks at, besides the history. */
export interface StepContext {
  today: IsoDate
  /** The overview report and the executive summary. */
  documents: readonly DocumentReadiness[]
  /** Why publication is held back (an unfinished criminal process), or null. */
  embargoReason: string | null
  /** The first day the report may be published (the Panel's notice period), once it has been sent. */
  earliestPublication: IsoDate | null
}

/** The two documents that must be published, by kind. */
export const REQUIRED_DOCUMENTS = ['overview_report', 'executive_summary'] as const

const DOCUMENT_NAMES: Record<(typeof REQUIRED_DOCUMENTS)[number], string> = {
  overview_report: 'overview report',
  executive_summary: 'executive summary',
}

/**
 * Why `step` cannot be recorded now, in plain English; empty when it can. Covers the order (a step
 * cannot be skipped or done twice), a decision not to publish, and each step's own guard. Dates and
 * notes typed on the form are checked by the caller. Pure; never throws.
 */
export function stepProblems(progress: PublicationProgress, step: PublicationStep, context: StepContext): string[] {
  if (progress.stoppedBy) {
    return [
      `The partners decided not to publish this report on ${formatLongDate(progress.stoppedBy.happenedOn)} (${progress.stoppedBy.note}). Reverse that decision before recording a step`,
    ]
  }
  const already = progress.done[step]
  if (already) {
    return [
      `“${STEP_INFO[step].name}” was already recorded on ${formatLongDate(already.happenedOn)} by ${already.recordedByName}`,
    ]
  }
  if (progress.next !== step && progress.next !== null) {
    return [`Record “${STEP_INFO[progress.next].name}” first: the steps happen in order`]
  }
  switch (step) {
    case 'panel_agreed':
      return REQUIRED_DOCUMENTS.flatMap((kind) => {
        const document = context.documents.find((d) => d.kind === kind)
        return document && document.latestVersion > 0
          ? []
          : [`Write the ${DOCUMENT_NAMES[kind]} before the panel agrees the draft`]
      })
    case 'anonymised':
      return anonymisationProblems(context.documents)
    case 'embargo_cleared':
      // An embargo is lifted by recording this step with its outcome, date and reason (checked by the caller).
      return []
    case 'published': {
      const problems = anonymisationProblems(context.documents).map(
        (p) => `${p} (it changed after it was anonymised, or was never marked)`,
      )
      if (context.embargoReason) problems.push(context.embargoReason)
      if (context.earliestPublication && compareIsoDates(context.today, context.earliestPublication) < 0) {
        problems.push(
          `The report cannot be published before ${formatLongDate(context.earliestPublication)}: the national Panel must have it in advance`,
        )
      }
      return problems
    }
    default:
      return []
  }
}

function anonymisationProblems(documents: readonly DocumentReadiness[]): string[] {
  return REQUIRED_DOCUMENTS.flatMap((kind) => {
    const document = documents.find((d) => d.kind === kind)
    if (!document) return [`Write the ${DOCUMENT_NAMES[kind]}`]
    if (document.anonymisedAndCurrent) return []
    return [`The ${DOCUMENT_NAMES[kind]} is not anonymised: ${document.problem ?? 'mark it anonymised'}`]
  })
}

/** Why a decision not to publish cannot be recorded now; empty when it can. Pure. */
export function notPublishingProblems(progress: PublicationProgress): string[] {
  if (progress.done.published) return ['The report is already published']
  if (progress.stoppedBy) return ['A decision not to publish is already recorded']
  return []
}

/**
 * Why the published entry cannot be withdrawn from the repository now; empty when it can. A published
 * review stays online at least until `keepUntil` (12 months after publication). Pure.
 */
export function withdrawalProblems(progress: PublicationProgress, keepUntil: string | null, now: Date): string[] {
  if (!progress.done.published) return ['The report is not published']
  if (progress.withdrawn) return ['The report is already withdrawn from the national repository']
  if (keepUntil && now.getTime() < new Date(keepUntil).getTime()) {
    return [
      `A published review stays online for at least 12 months: it can be withdrawn from ${formatLongDate(todayInEngland(new Date(keepUntil)))}`,
    ]
  }
  return []
}

/** Why a decision not to publish cannot be reversed now; empty when it can. Pure. */
export function reversalProblems(progress: PublicationProgress): string[] {
  return progress.stoppedBy ? [] : ['There is no decision not to publish to reverse']
}

/**
 * The clock that says how long the Panel must have the report before publication: the partnership's
 * clock stopped by "report sent to the Panel" (an administrator may have changed it), or the default.
 */
export function panelNoticeClock(definitions: readonly ClockDefinition[]): ClockDefinition {
  return (
    definitions.find((d) => d.stopEvent === 'report_sent_to_panel') ??
    DEFAULT_CLOCKS.find((d) => d.stopEvent === 'report_sent_to_panel')!
  )
}

/**
 * The first day the report may be published: the clock's length (5 working days by default,
 * England and Wales bank holidays excluded) after the day it was sent to the Panel.
 * Throws RangeError for an invalid date.
 */
export function earliestPublicationDate(sentOn: IsoDate, clock: ClockDefinition): IsoDate {
  return applyClockLength(sentOn, clock.length, 'after')
}

/** A date typed for a step: problems in plain English (required, real, not in the future, not too early). */
export function happenedOnProblems(
  date: IsoDate | null,
  label: string,
  today: IsoDate,
  notBefore: IsoDate | null,
): string[] {
  if (date === null) return [`Enter ${label}`]
  if (!isIsoDate(date)) return [`${capitalise(label)} must be a real date`]
  if (compareIsoDates(date, today) > 0) return [`${capitalise(label)} must be today or in the past`]
  if (notBefore && compareIsoDates(date, notBefore) < 0) {
    return [`${capitalise(label)} must be on or after ${formatLongDate(notBefore)}`]
  }
  return []
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/**
 * The repository's age band for a child born on `dateOfBirth`, at `onDate` (the incident): whole
 * years of age; 18–24 only for a child who was looked after (a care leaver); null when unknown.
 * Pure; never throws for valid ISO dates.
 */
export function ageBandAt(dateOfBirth: IsoDate | null, onDate: IsoDate | null, lookedAfter: boolean): AgeBand | null {
  if (!dateOfBirth || !onDate || !isIsoDate(dateOfBirth) || !isIsoDate(onDate)) return null
  const [by, bm, bd] = dateOfBirth.split('-').map(Number)
  const [y, m, d] = onDate.split('-').map(Number)
  const years = y - by - (m < bm || (m === bm && d < bd) ? 1 : 0)
  if (years < 0) return null
  if (years < 1) return 'under_1'
  if (years <= 4) return '1_4'
  if (years <= 9) return '5_9'
  if (years <= 15) return '10_15'
  if (years <= 17) return '16_17'
  if (years <= 24 && lookedAfter) return 'care_leaver_18_24'
  return null
}

/** The repository's sex facet from the review's child record ("not stated" when not known). */
export function sexFacet(sex: string | null): Sex {
  return sex === 'female' || sex === 'male' ? sex : 'not_stated'
}

/** The repository's broad ethnic group from the review's child record ("not stated" when not known). */
export function ethnicGroupFacet(group: string | null): EthnicGroup {
  return group === 'asian' || group === 'black' || group === 'mixed' || group === 'white' || group === 'other'
    ? group
    : 'not_stated'
}

/**
 * The publishing area from a partnership's name: "Marlshire Safeguarding Children Partnership" →
 * "Marlshire". Pure.
 */
export function areaName(partnershipName: string): string {
  return (
    partnershipName.replace(/\s+(Safeguarding\s+)?(Children(’|')?s?\s+)?(Safeguarding\s+)?Partnership$/i, '').trim() ||
    partnershipName
  )
}

/** Keywords typed as one line, separated by commas: trimmed, without empties or repeats. Pure. */
export function parseKeywords(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[,;\n]/)
        .map((k) => k.trim().replace(/\s+/g, ' '))
        .filter(Boolean),
    ),
  ]
}

/**
 * How an agency is named in the published entry's "agencies involved" facet: by its kind, never its
 * own name (an agency's name carries the area's name, which a partnership publishing as Anonymous
 * must not reveal, and kinds can be compared across partnerships).
 */
export const AGENCY_FACETS: Readonly<Record<string, string>> = {
  police: 'police',
  childrens_social_care: 'children’s social care',
  health_visiting: 'health visiting',
  gp: 'GP',
  hospital: 'hospital',
  midwifery: 'midwifery',
  school: 'school',
  nursery: 'nursery',
  camhs: 'CAMHS',
  substance_misuse_service: 'substance misuse service',
  probation: 'probation',
  housing: 'housing',
}
