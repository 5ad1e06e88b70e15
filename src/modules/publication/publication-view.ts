import type { ClockDefinition } from '../clocks/clock.ts'
import type { IsoDate } from '../clocks/plain-date.ts'
import type { PublishInput } from '../published-reviews/published-review.service.ts'
import type { Theme } from '../published-reviews/published-review.ts'
import type { RecommendationService } from '../recommendations/recommendation.service.ts'
import type { ReportPublicationState, ReportService } from '../reports/report.service.ts'
import type { Review } from '../reviews/review.ts'
import type { partnerStates, StatutoryPartner } from './partner-sign-off.ts'
import type { PublicationRecord } from './publication.repository.ts'
import type { Readiness } from './publication-readiness.ts'
import type { EmbargoOutcome, PublicationProgress, PublicationStep, StepRecord } from './publication.ts'

/** What publication needs from the reports slice: each document's readiness, and the anonymised documents. */
export type ReportsForPublication = Pick<
  ReportService,
  'publicationState' | 'publicationDocuments' | 'readinessMaterial'
>

/** What publication needs from the recommendations slice: recommendations and findings as published. */
export type RecommendationsForPublication = Pick<RecommendationService, 'forPublication' | 'findingsForPublication'>

/** Longest note or reason, and the longest summary the repository accepts. */
export const PUBLICATION_LIMITS = {
  note: 2000,
  how: 500,
  summary: 5000,
  keywords: 50,
  keyword: 100,
  signerRole: 200,
} as const

/** What a step's form sends. */
export interface StepInput {
  note: string
  /** The date it happened: required for "family informed" and "sent to the Panel"; today otherwise. */
  happenedOn?: IsoDate | null
  /** How the family was told: required for "family informed". */
  how?: string
  /** The chair accepts that the empty sections the readiness check names are not published ("approved" only). */
  acceptEmptySections?: boolean
  /** How the embargo ended ("embargo cleared" after an embargo: required, with the note as the reason). */
  outcome?: EmbargoOutcome | null
  /** The outcome in the recorder's words: required when `outcome` is "other". */
  outcomeDetail?: string
  /** Why the date typed could not be read (the form's own check), shown instead of the date rules. */
  happenedOnError?: string | null
  /** The signer's job title: required for a statutory partner's sign-off ("signed_off" only). */
  signerRole?: string
}

/** The publication details typed on the page. */
export interface DetailsInput {
  summary: string
  themes: string[]
  keywords: string[]
  publishAsAnonymous: boolean
}

/** One step as the page shows it. */
export interface StepView {
  step: PublicationStep
  name: string
  who: string
  path: string
  record: StepRecord | null
  isNext: boolean
  /** Why it cannot be recorded now (only worked out for the next step). */
  problems: string[]
  /** Whether the actor's role may record it. */
  mayRecord: boolean
}

/** What the published entry will hold (shown before publishing; nothing here is original). */
export interface EntryPreview {
  input: PublishInput | null
  /** Why the entry cannot be made yet (no pseudonym, no summary). */
  problems: string[]
  findingThemes: Theme[]
}

/** Everything the publication page shows. */
export interface PublicationView {
  review: Review
  record: PublicationRecord
  progress: PublicationProgress
  history: StepRecord[]
  steps: StepView[]
  documents: ReportPublicationState[]
  embargoReason: string | null
  panelNotice: {
    clock: ClockDefinition
    sentOn: IsoDate | null
    earliestPublication: IsoDate | null
    /** Working days from today to the earliest publication date; null when not sent or already reached. */
    workingDaysLeft: number | null
  }
  entry: EntryPreview
  /** What blocks the chair's approval, and what to look at (see publication-readiness.ts). */
  readiness: Readiness
  /** The recommendations as they will be published, in number order. */
  recommendations: string[]
  /** What the actor's role allows on this page. */
  may: { manage: boolean; decide: boolean }
  /** Each statutory partner's sign-off (or null while waiting), and the partner the actor signs for. */
  partners: { states: ReturnType<typeof partnerStates>; actorPartner: StatutoryPartner | null }
  today: IsoDate
}
