import { randomUUID } from 'node:crypto'
import type { Actor } from '../access/actor.ts'
import { roleAllows, type Permission } from '../access/permissions.ts'
import type { ClockDefinition } from '../clocks/clock.ts'
import { todayInEngland, type IsoDate } from '../clocks/plain-date.ts'
import { workingDaysBetween } from '../clocks/working-days.ts'
import type { AccessPolicy } from '../access/access.policy.ts'
import type { AuditService } from '../audit/audit.service.ts'
import type { CaseKnowledgeService } from '../case-knowledge/case-knowledge.service.ts'
import type { PartnershipDirectory } from '../partnerships/partnership.ts'
import type { PublishedReviewService } from '../published-reviews/published-review.service.ts'
import type { ReviewService } from '../reviews/review.service.ts'
import type { UserDirectory } from '../users/user.ts'
import type { UnitOfWork } from '../../db/unit-of-work.ts'
import { NotFoundError, ValidationError, type FieldError } from '../errors.ts'
import type { RecommendationService } from '../recommendations/recommendation.service.ts'
import type { ReportPublicationState, ReportService } from '../reports/report.service.ts'
import type { PublishInput } from '../published-reviews/published-review.service.ts'
import { THEMES, type Theme } from '../published-reviews/published-review.ts'
import { embargoReasonFor, type Review } from '../reviews/review.ts'
import {
  AGENCY_FACETS,
  ageBandAt,
  areaName,
  earliestPublicationDate,
  ethnicGroupFacet,
  happenedOnProblems,
  notPublishingProblems,
  panelNoticeClock,
  progressOf,
  PUBLICATION_STEPS,
  reversalProblems,
  sexFacet,
  STEP_INFO,
  stepProblems,
  type PublicationProgress,
  type PublicationStep,
  type StepContext,
  type StepRecord,
  withdrawalProblems,
  STAGE_AFTER_STEP,
  type EmbargoOutcome,
} from './publication.ts'
import type { PublicationChanges, PublicationRecord, PublicationRepository } from './publication.repository.ts'
import { embargoLiftProblems, embargoSetOn } from './publication-embargo.ts'
import { publicationReadiness, type Readiness } from './publication-readiness.ts'
import {
  allPartnersSigned,
  partnerSignOffProblems,
  partnerStates,
  signedOffNote,
  type PartnerSignOff,
  type StatutoryPartner,
} from './partner-sign-off.ts'
import type { PartnerSignOffRepository } from './partner-sign-off.repository.ts'

/** What publication needs from the reports slice: each document's readiness, and the anonymised documents. */
export type ReportsForPublication = Pick<
  ReportService,
  'publicationState' | 'publicationDocuments' | 'readinessMaterial'
>

/** What publication needs from the recommendations slice: recommendations and findings as published. */
export type RecommendationsForPublication = Pick<RecommendationService, 'forPublication' | 'findingsForPublication'>

/** What sign-off and publication are built from (constructed in `src/composition.ts`). */
export interface PublicationServiceDeps {
  readonly repository: PublicationRepository
  /** The statutory partners' sign-offs and who signs for each partner. */
  readonly signOffs: PartnerSignOffRepository
  readonly access: AccessPolicy
  readonly audit: AuditService
  readonly partnerships: PartnershipDirectory
  readonly users: UserDirectory
  /** The review (its scope, clocks, milestones and stage). */
  readonly reviews: ReviewService
  /** The review's leak gate. */
  readonly caseKnowledge: Pick<CaseKnowledgeService, 'anonymise'>
  /** The national repository the entry is published to. */
  readonly publishedReviews: Pick<PublishedReviewService, 'publish' | 'unpublish'>
  readonly reports: ReportsForPublication
  readonly recommendations: RecommendationsForPublication
  /** Publishing, recording a step and withdrawing write across slices: each in one transaction. */
  readonly unitOfWork: Pick<UnitOfWork, 'run'>
  /** The app's clock (tests move it). */
  readonly now: () => Date
}

/** Thrown when a change was based on an older version of the publication record (someone else acted first). */
export class StalePublicationError extends Error {
  override name = 'StalePublicationError'
}

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

/**
 * Sign-off and publication: the steps in order (panel agreement → sign-off → family informed →
 * anonymised → sent to the Panel → embargo cleared → approved → published), each recorded with who
 * and when, a decision not to publish and its reversal, and publishing the national repository entry.
 *
 * Contract: every method starts with an access check scoped to the review's partnership (a review
 * outside the actor's scope is "not found"); every read is audited; every change is refused
 * (StalePublicationError) when based on an older version, so two people cannot both record a step.
 * Published text comes only from anonymised sources and passes the review's leak gate; original
 * names never reach the entry, the audit log or an error message.
 */
export class PublicationService {
  readonly #deps: PublicationServiceDeps
  readonly #repository: PublicationRepository
  readonly #reports: ReportsForPublication
  readonly #recommendations: RecommendationsForPublication
  readonly #signOffs: PartnerSignOffRepository
  constructor(deps: PublicationServiceDeps) {
    this.#deps = deps
    this.#repository = deps.repository
    this.#signOffs = deps.signOffs
    this.#reports = deps.reports
    this.#recommendations = deps.recommendations
  }

  /**
   * The publication page: the steps with who and when, what blocks the next one, both documents'
   * readiness, the embargo, the Panel's notice period and what the entry will hold.
   * Readers of the review with `review.read` (coordinators, chairs, members of the review). Audited.
   * @throws AccessDeniedError, NotFoundError outside the actor's scope.
   */
  async view(actor: Actor, reviewId: string): Promise<PublicationView> {
    const review = await this.#review(actor, reviewId, 'review.read')
    const state = await this.#state(actor, review)
    const findings = await this.#recommendations.findingsForPublication(actor, review.id)
    const findingThemes = themesOf(findings.map((f) => f.theme))
    const entry = await this.#entryPreview(review, state.record, findingThemes)
    const recommendations = publishedRecommendations(await this.#recommendations.forPublication(actor, review.id))
    const readiness = await this.#readiness(actor, review, state.record, entry, recommendations)
    const steps = PUBLICATION_STEPS.map((step): StepView => {
      const isNext = state.progress.next === step && !state.progress.stoppedBy
      return {
        step,
        ...STEP_INFO[step],
        record: state.progress.done[step] ?? null,
        isNext,
        problems: isNext ? stepProblems(state.progress, step, state.context) : [],
        mayRecord: roleMay(actor, STEP_INFO[step].permission),
      }
    })
    const sentOn = state.progress.done.sent_to_panel?.happenedOn ?? null
    const earliest = state.context.earliestPublication
    const left = earliest ? workingDaysBetween(state.context.today, earliest) : null
    const [signOffs, actorPartner] = await Promise.all([
      this.#signOffs.signOffs(review.id),
      this.#signOffs.partnerOf(review.partnershipId, actor.userId),
    ])
    await this.#deps.audit.recordAction(actor, 'publication.read', { type: 'review', id: review.id })
    return {
      partners: { states: partnerStates(signOffs), actorPartner },
      review,
      record: state.record,
      progress: state.progress,
      history: state.history,
      steps,
      documents: state.documents,
      embargoReason: state.context.embargoReason,
      panelNotice: {
        clock: state.clock,
        sentOn,
        earliestPublication: earliest,
        workingDaysLeft: left !== null && left > 0 ? left : null,
      },
      entry,
      readiness,
      recommendations,
      may: { manage: roleMay(actor, 'review.manage'), decide: roleMay(actor, 'review.approvePublication') },
      today: state.context.today,
    }
  }

  /**
   * Record one step (not publishing itself: see {@link publish}) with who, when and a note.
   * Each step needs its permission (see STEP_INFO: the chair signs off and approves; the
   * coordinator records the rest). A step cannot be skipped or recorded twice, nor recorded while a
   * decision not to publish stands.
   * @throws ValidationError with every reason in plain English; StalePublicationError when someone
   * else changed the record after `version`; AccessDeniedError, NotFoundError.
   */
  async recordStep(
    actor: Actor,
    reviewId: string,
    version: number,
    step: Exclude<PublicationStep, 'published'>,
    input: StepInput,
  ): Promise<void> {
    const review = await this.#review(actor, reviewId, STEP_INFO[step].permission)
    const state = await this.#state(actor, review)
    if (step === 'signed_off') return this.#signOffForPartner(actor, review, state.progress, state.context, input)
    const errors: FieldError[] = stepProblems(state.progress, step, state.context).map((message) => ({
      field: 'step',
      message,
    }))
    const note = input.note.trim()
    if (note.length > PUBLICATION_LIMITS.note) {
      errors.push({ field: 'note', message: `The note must be ${PUBLICATION_LIMITS.note} characters or fewer` })
    }
    let happenedOn = state.context.today
    let how: string | null = null
    let outcome: EmbargoOutcome | null = null
    let outcomeDetail: string | null = null
    if (step === 'embargo_cleared' && state.context.embargoReason) {
      // Lifting an embargo is a decision on record: how it ended, when, and why (the note is the reason).
      const lifted = embargoLiftProblems(input, note, state.context.today, embargoSetOn(review))
      errors.push(...lifted.errors)
      outcome = lifted.outcome
      outcomeDetail = lifted.outcomeDetail
      if (input.happenedOn && lifted.errors.every((e) => e.field !== 'happenedOn-day')) happenedOn = input.happenedOn
    }
    if (step === 'family_informed' || step === 'sent_to_panel') {
      const label = step === 'family_informed' ? 'the date the family was told' : 'the date the report was sent'
      const notBefore = step === 'sent_to_panel' ? (state.progress.done.anonymised?.happenedOn ?? null) : null
      const dateProblems = happenedOnProblems(input.happenedOn ?? null, label, state.context.today, notBefore)
      errors.push(...dateProblems.map((message) => ({ field: 'happenedOn-day', message })))
      if (input.happenedOn && dateProblems.length === 0) happenedOn = input.happenedOn
    }
    if (step === 'family_informed') {
      how = (input.how ?? '').trim()
      if (!how) errors.push({ field: 'how', message: 'Enter how the family was told, for example at a meeting' })
      else if (how.length > PUBLICATION_LIMITS.how) {
        errors.push({
          field: 'how',
          message: `How the family was told must be ${PUBLICATION_LIMITS.how} characters or fewer`,
        })
      }
    }
    let recordedNote = note
    if (step === 'approved' && errors.length === 0) {
      // The chair approves the entry the public will see: nothing marked as a draft, nothing missing,
      // and every empty section accepted by name (the note records which).
      const findings = await this.#recommendations.findingsForPublication(actor, review.id)
      const entry = await this.#entryPreview(review, state.record, themesOf(findings.map((f) => f.theme)))
      const recommendations = publishedRecommendations(await this.#recommendations.forPublication(actor, review.id))
      const readiness = await this.#readiness(actor, review, state.record, entry, recommendations)
      errors.push(
        ...readiness.blockers.map((b) => ({
          field: 'readiness',
          message: `${b.where}: ${b.message}`,
        })),
      )
      if (readiness.toAccept.length && !input.acceptEmptySections) {
        errors.push({
          field: 'acceptEmptySections',
          message: `Confirm that you accept the empty sections are not published (${readiness.emptySections.join('; ')}), or write them first`,
        })
      }
      if (readiness.emptySections.length) {
        recordedNote = [
          note,
          `Accepted that these sections are empty and not published: ${readiness.emptySections.join('; ')}.`,
        ]
          .filter(Boolean)
          .join(' ')
      }
    }
    if (errors.length) throw new ValidationError(errors)
    // The step, the milestone it meets, the audit and the stage it moves the review to: all or none.
    await this.#deps.unitOfWork.run(async () => {
      await this.#change(
        actor,
        review.id,
        version,
        {},
        { step, happenedOn, how, note: recordedNote, outcome, outcomeDetail },
      )
      if (step === 'sent_to_panel') {
        await this.#deps.reviews.setPublicationMilestone(
          actor,
          review.id,
          STEP_INFO[step].permission,
          'report_sent_to_panel',
          happenedOn,
        )
      }
      await this.#deps.audit.recordAction(actor, 'publication.record_step', { type: 'review', id: review.id }, { step })
      const stage = STAGE_AFTER_STEP[step]
      if (stage) {
        await this.#deps.reviews.followPublicationStep(actor, review.id, STEP_INFO[step].permission, stage, {
          note: `Moved on when “${STEP_INFO[step].name}” was recorded`,
        })
      }
    })
  }

  /**
   * Save what will be published: the one-paragraph case summary, themes chosen beside the
   * findings' themes, keywords, and whether to publish as "Anonymous". The summary and keywords must
   * pass the review's leak gate (no person, place or identifier the review knows of).
   * Coordinators only; not after publication.
   * @throws ValidationError (typed text is not lost: the caller shows it back); StalePublicationError.
   */
  async saveDetails(actor: Actor, reviewId: string, version: number, input: DetailsInput): Promise<void> {
    const review = await this.#review(actor, reviewId, 'review.manage')
    const state = await this.#state(actor, review)
    const summary = input.summary.trim()
    const errors: FieldError[] = []
    if (state.progress.done.published) errors.push({ field: 'summary', message: 'The report is already published' })
    if (!summary) errors.push({ field: 'summary', message: 'Enter a summary of the case' })
    else if (summary.length > PUBLICATION_LIMITS.summary) {
      errors.push({
        field: 'summary',
        message: `The summary must be ${PUBLICATION_LIMITS.summary} characters or fewer`,
      })
    } else if (/\n\s*\n/.test(summary)) {
      errors.push({ field: 'summary', message: 'Write the summary as one paragraph, without blank lines' })
    }
    const unknownThemes = input.themes.filter((t) => !(THEMES as readonly string[]).includes(t))
    if (unknownThemes.length) errors.push({ field: 'themes', message: 'Select themes from the list' })
    if (input.keywords.length > PUBLICATION_LIMITS.keywords) {
      errors.push({ field: 'keywords', message: `Enter ${PUBLICATION_LIMITS.keywords} keywords or fewer` })
    } else if (input.keywords.some((k) => k.length > PUBLICATION_LIMITS.keyword)) {
      errors.push({
        field: 'keywords',
        message: `Each keyword must be ${PUBLICATION_LIMITS.keyword} characters or fewer`,
      })
    }
    if (errors.length === 0) {
      errors.push(
        ...(await this.#leakProblems(actor, review.id, [
          { field: 'summary', label: 'summary', text: summary },
          { field: 'keywords', label: 'keywords', text: input.keywords.join(', ') },
        ])),
      )
    }
    if (errors.length) throw new ValidationError(errors)
    await this.#change(
      actor,
      review.id,
      version,
      { summary, themes: input.themes, keywords: input.keywords, publishAsAnonymous: input.publishAsAnonymous },
      null,
    )
    await this.#deps.audit.recordAction(actor, 'publication.save_details', { type: 'review', id: review.id })
  }

  /**
   * Publish: the last step. Every earlier step must be recorded (the chair's approval included),
   * both documents must still be anonymised and current, no criminal process may be unfinished and
   * the Panel's notice period must have passed. Creates the national repository entry (title "year –
   * area (or Anonymous) – pseudonym", summary, themes, recommendations, review model, keywords,
   * facets, the documents as anonymised HTML), kept online at least 12 months. The coordinator
   * performs it (they also need `repository.curate`, checked by the repository).
   * @returns the published entry's id.
   * @throws ValidationError with every reason (including a summary or recommendation the leak gate
   * flags); StalePublicationError; AccessDeniedError, NotFoundError.
   */
  async publish(actor: Actor, reviewId: string, version: number, note: string): Promise<string> {
    const review = await this.#review(actor, reviewId, 'review.manage')
    // Publishing writes to the national repository: checked here, before anything is claimed.
    await this.#deps.access.require(actor, 'repository.curate', { review: review.id })
    const state = await this.#state(actor, review)
    const errors: FieldError[] = stepProblems(state.progress, 'published', state.context).map((message) => ({
      field: 'step',
      message,
    }))
    if (note.trim().length > PUBLICATION_LIMITS.note) {
      errors.push({ field: 'note', message: `The note must be ${PUBLICATION_LIMITS.note} characters or fewer` })
    }
    if (errors.length) throw new ValidationError(errors)
    if (state.record.version !== version) throw stale()
    const findings = await this.#recommendations.findingsForPublication(actor, review.id)
    const preview = await this.#entryPreview(review, state.record, themesOf(findings.map((f) => f.theme)))
    if (!preview.input) throw new ValidationError(preview.problems.map((message) => ({ field: 'summary', message })))
    const recommendations = await this.#recommendations.forPublication(actor, review.id)
    const documents = await this.#reports.publicationDocuments(actor, review.id)
    const recommendationTexts = publishedRecommendations(recommendations)
    // The summary was checked when saved; the people and places may have changed since, so check again.
    const leaks = await this.#leakProblems(actor, review.id, [
      { field: 'summary', label: 'summary', text: preview.input.summary },
      { field: 'keywords', label: 'keywords', text: (preview.input.keywords ?? []).join(', ') },
      ...recommendationTexts.map((text, i) => ({
        field: 'recommendations',
        label: `recommendation ${i + 1}`,
        text,
      })),
    ])
    if (leaks.length) throw new ValidationError(leaks)
    // One transaction across the five slices publishing writes to (this record, the national
    // repository entry and its search document, the review's milestone and stage, the audit log): a
    // failure part way leaves nothing half-written, and pressing Publish again starts afresh.
    const input = preview.input
    return this.#deps.unitOfWork.run(async () => {
      // Claim the record first (a version bump, with the entry's id chosen now): of two people
      // pressing Publish at once, the second is refused as stale and makes no second entry.
      const entryId = state.record.publishedReviewId ?? randomUUID()
      await this.#change(actor, review.id, version, { publishedReviewId: entryId }, null)
      const published = await this.#deps.publishedReviews.publish(actor, {
        ...input,
        id: entryId,
        recommendations: recommendationTexts,
        documents: documents.map((d) => ({ title: d.title, html: d.html })),
      })
      await this.#change(
        actor,
        review.id,
        version + 1,
        { keepUntil: published.keepUntil },
        { step: 'published', happenedOn: state.context.today, how: null, note: note.trim() },
      )
      await this.#deps.reviews.setPublicationMilestone(
        actor,
        review.id,
        STEP_INFO.published.permission,
        'planned_publication',
        state.context.today,
      )
      await this.#deps.audit.recordAction(
        actor,
        'publication.publish',
        { type: 'review', id: review.id },
        { publishedReviewId: published.id, keepUntil: published.keepUntil },
      )
      await this.#deps.reviews.followPublicationStep(
        actor,
        review.id,
        STEP_INFO.published.permission,
        'action_monitoring',
        { note: 'Moved on when the report was published' },
      )
      return published.id
    })
  }

  /**
   * Record the partners' decision not to publish, with its reason (the chair). It stops the
   * sequence until reversed.
   * @throws ValidationError (no reason, already published, already decided); StalePublicationError.
   */
  async decideNotToPublish(actor: Actor, reviewId: string, version: number, reason: string): Promise<void> {
    const review = await this.#review(actor, reviewId, 'review.approvePublication')
    const state = await this.#state(actor, review)
    const errors = [
      ...notPublishingProblems(state.progress).map((message) => ({ field: 'reason', message })),
      ...reasonProblems(reason, 'Enter the reason for not publishing'),
    ]
    if (errors.length) throw new ValidationError(errors)
    await this.#change(actor, review.id, version, {}, this.#decision('not_publishing', reason, state.context.today))
    await this.#deps.audit.recordAction(actor, 'publication.decide_not_to_publish', { type: 'review', id: review.id })
  }

  /**
   * Reverse a decision not to publish, with the reason (the chair); the steps continue where they stopped.
   * @throws ValidationError (no reason, nothing to reverse); StalePublicationError.
   */
  async reverseDecisionNotToPublish(actor: Actor, reviewId: string, version: number, reason: string): Promise<void> {
    const review = await this.#review(actor, reviewId, 'review.approvePublication')
    const state = await this.#state(actor, review)
    const errors = [
      ...reversalProblems(state.progress).map((message) => ({ field: 'reason', message })),
      ...reasonProblems(reason, 'Enter the reason for reversing the decision'),
    ]
    if (errors.length) throw new ValidationError(errors)
    await this.#change(
      actor,
      review.id,
      version,
      {},
      this.#decision('not_publishing_reversed', reason, state.context.today),
    )
    await this.#deps.audit.recordAction(actor, 'publication.reverse_decision', { type: 'review', id: review.id })
  }

  /**
   * Withdraw the published entry from the national repository, with the reason: only once it has been
   * online for at least 12 months (its keep-until date). The coordinator (who may curate the
   * repository) does it. The entry is removed from the repository and its search index.
   * @throws ValidationError (not published, already withdrawn, too early, no reason); StalePublicationError.
   */
  async withdraw(actor: Actor, reviewId: string, version: number, reason: string): Promise<void> {
    const review = await this.#review(actor, reviewId, 'review.manage')
    await this.#deps.access.require(actor, 'repository.curate', { review: review.id })
    const state = await this.#state(actor, review)
    const errors = [
      ...withdrawalProblems(state.progress, state.record.keepUntil, this.#now()).map((message) => ({
        field: 'withdrawal',
        message,
      })),
      ...reasonProblems(reason, 'Enter the reason for withdrawing the report'),
    ]
    if (errors.length) throw new ValidationError(errors)
    // The step, the entry's removal and the audit: all or none.
    await this.#deps.unitOfWork.run(async () => {
      // Recorded first, so two presses withdraw once.
      await this.#change(
        actor,
        review.id,
        version,
        {},
        { step: 'withdrawn', happenedOn: state.context.today, how: null, note: reason.trim() },
      )
      try {
        await this.#deps.publishedReviews.unpublish(actor, state.record.publishedReviewId!)
      } catch (error) {
        // Already taken down by the repository's curators: the withdrawal stands.
        if (!(error instanceof NotFoundError)) throw error
      }
      await this.#deps.audit.recordAction(
        actor,
        'publication.withdraw',
        { type: 'review', id: review.id },
        { publishedReviewId: state.record.publishedReviewId },
      )
    })
  }

  #now(): Date {
    return this.#deps.now()
  }

  /**
   * The statutory partner a user of the actor's partnership signs off for, or null. Administrators
   * (`user.manage`) only.
   * @throws AccessDeniedError.
   */
  async signatoryPartner(actor: Actor, userId: string): Promise<StatutoryPartner | null> {
    await this.#deps.access.require(actor, 'user.manage', { subject: { type: 'user', id: userId } })
    return actor.partnershipId ? this.#signOffs.partnerOf(actor.partnershipId, userId) : null
  }

  /**
   * Record which statutory partner a user of the actor's partnership signs off for (null: none).
   * Only a user whose role may sign off can be linked. Administrators only; audited.
   * @throws ValidationError when the user's role cannot sign off; AccessDeniedError; NotFoundError.
   */
  async setSignatoryPartner(actor: Actor, userId: string, partner: StatutoryPartner | null): Promise<void> {
    await this.#deps.access.require(actor, 'user.manage', { subject: { type: 'user', id: userId } })
    const membership = (await this.#deps.users.memberships(userId)).find((m) => m.partnershipId === actor.partnershipId)
    if (!membership || !actor.partnershipId) throw new NotFoundError('No such user in this partnership')
    if (partner && !roleAllows(membership.role, 'review.signOff')) {
      throw new ValidationError([
        { field: 'partner', message: 'Only a user with the board chair role can sign off for a statutory partner' },
      ])
    }
    await this.#signOffs.setPartner(actor.partnershipId, userId, partner, this.#now())
    await this.#deps.audit.recordAction(
      actor,
      'user.set_statutory_partner',
      { type: 'user', id: userId },
      { partner: partner ?? 'none' },
    )
  }

  /**
   * One statutory partner's sign-off, by a person recorded as acting for it; the "signed off" step
   * is appended once all three have signed. A refusal (no partner, already signed) is audited.
   */
  async #signOffForPartner(
    actor: Actor,
    review: Review,
    progress: PublicationProgress,
    context: StepContext,
    input: StepInput,
  ): Promise<void> {
    const signOffs = await this.#signOffs.signOffs(review.id)
    const partner = await this.#signOffs.partnerOf(review.partnershipId, actor.userId)
    const refuse = async (reason: string) => {
      await this.#deps.audit.record({
        actorUserId: actor.userId,
        actorEmail: actor.email,
        partnershipId: actor.partnershipId,
        action: 'publication.partner_sign_off',
        outcome: 'refused',
        resourceType: 'review',
        resourceId: review.id,
        detail: { partner: partner ?? 'none', reason },
        ip: actor.ip,
        userAgent: actor.userAgent,
      })
    }
    const errors: FieldError[] = stepProblems(progress, 'signed_off', context).map((message) => ({
      field: 'step',
      message,
    }))
    const partnerProblems = partnerSignOffProblems(partner, signOffs)
    if (partnerProblems.length) {
      await refuse(partner ? 'already_signed' : 'not_a_partner_signatory')
      errors.push(...partnerProblems.map((message) => ({ field: 'step', message })))
    }
    const signerRole = (input.signerRole ?? '').trim()
    if (!signerRole) {
      errors.push({ field: 'signerRole', message: 'Enter your role, for example Director of Children’s Services' })
    } else if (signerRole.length > PUBLICATION_LIMITS.signerRole) {
      errors.push({
        field: 'signerRole',
        message: `Your role must be ${PUBLICATION_LIMITS.signerRole} characters or fewer`,
      })
    }
    const note = input.note.trim()
    if (note.length > PUBLICATION_LIMITS.note) {
      errors.push({ field: 'note', message: `The note must be ${PUBLICATION_LIMITS.note} characters or fewer` })
    }
    if (errors.length || !partner) throw new ValidationError(errors)
    const signOff: Omit<PartnerSignOff, 'recordedAt'> = {
      partner,
      signedBy: actor.userId,
      signedByName: actor.displayName,
      signedByRole: signerRole,
      signedOn: context.today,
      note,
    }
    if (!(await this.#signOffs.add(review.id, signOff, this.#now()))) {
      // Someone else signed for the same partner between the page opening and this press.
      await refuse('already_signed')
      throw new ValidationError(
        partnerSignOffProblems(partner, await this.#signOffs.signOffs(review.id)).map((message) => ({
          field: 'step',
          message,
        })),
      )
    }
    await this.#deps.audit.recordAction(
      actor,
      'publication.partner_sign_off',
      { type: 'review', id: review.id },
      { partner },
    )
    const after = await this.#signOffs.signOffs(review.id)
    if (!allPartnersSigned(after)) return
    // The last partner completes the step. The record's current version is used (not the form's):
    // the sign-off itself is already safe, and two last signers at once append the step only once.
    const record = await this.#repository.ensure(review.id, this.#now())
    const step = { step: 'signed_off' as const, happenedOn: context.today, how: null, note: signedOffNote(after) }
    try {
      await this.#change(actor, review.id, record.version, {}, step)
    } catch (error) {
      if (
        !(error instanceof StalePublicationError) ||
        !progressOf(await this.#repository.steps(review.id)).done.signed_off
      ) {
        throw error
      }
    }
    await this.#deps.audit.recordAction(
      actor,
      'publication.record_step',
      { type: 'review', id: review.id },
      { step: 'signed_off' },
    )
  }

  #decision(step: 'not_publishing' | 'not_publishing_reversed', reason: string, today: IsoDate) {
    return { step, happenedOn: today, how: null, note: reason.trim() }
  }

  /** The permission for what is asked, then the review in the actor's scope ("not found" outside it). */
  async #review(actor: Actor, reviewId: string, permission: Permission): Promise<Review> {
    await this.#deps.access.require(actor, permission, { review: reviewId })
    // review.read too: the national Panel may read submitted notifications, never publication work.
    return this.#deps.reviews.readableReview(actor, reviewId)
  }

  async #state(actor: Actor, review: Review) {
    const now = this.#now()
    const today = todayInEngland(now)
    const [record, history, definitions, documents] = await Promise.all([
      this.#repository.ensure(review.id, now),
      this.#repository.steps(review.id),
      this.#deps.reviews.clockDefinitions(review.partnershipId),
      this.#reports.publicationState(actor, review.id),
    ])
    const progress = progressOf(history)
    const clock = panelNoticeClock(definitions)
    const sentOn = progress.done.sent_to_panel?.happenedOn ?? null
    const context: StepContext = {
      today,
      documents,
      // An embargo lifted on record (with its outcome) no longer holds publication back; a criminal
      // process recorded after "embargo cleared" was recorded without one still does.
      embargoReason: progress.done.embargo_cleared?.outcome ? null : embargoReasonFor(review.commissioning),
      earliestPublication: sentOn ? earliestPublicationDate(sentOn, clock) : null,
    }
    return { record, history, progress, context, clock, documents }
  }

  async #change(
    actor: Actor,
    reviewId: string,
    version: number,
    changes: PublicationChanges,
    step: {
      step: StepRecord['step']
      happenedOn: IsoDate
      how: string | null
      note: string
      outcome?: EmbargoOutcome | null
      outcomeDetail?: string | null
    } | null,
  ): Promise<void> {
    const ok = await this.#repository.change(
      reviewId,
      version,
      changes,
      step ? { ...step, recordedBy: actor.userId, recordedByName: actor.displayName } : null,
      actor.userId,
      this.#now(),
    )
    if (!ok) throw stale()
  }

  /**
   * Each text the review's leak gate flags, as a form error that says what kind of detail it found
   * (never the words themselves, which may be an original name).
   */
  async #leakProblems(
    actor: Actor,
    reviewId: string,
    texts: Array<{ field: string; label: string; text: string }>,
  ): Promise<FieldError[]> {
    const errors: FieldError[] = []
    for (const { field, label, text } of texts) {
      if (!text.trim()) continue
      const result = await this.#deps.caseKnowledge.anonymise(actor, reviewId, text)
      // A replacement identical to the words it replaces (a month and year left as written) is no leak.
      const kinds = new Set([
        ...result.replacements.filter((r) => r.replacement !== r.original).map((r) => r.entityType),
        ...result.leaks.map((l) => l.entityType),
      ])
      if (kinds.size > 0) {
        errors.push({
          field,
          message: `The ${label} ${label.endsWith('s') ? 'have' : 'has'} details that could identify someone (${[
            ...kinds,
          ]
            .map((k) => k.toLowerCase().replaceAll('_', ' '))
            .join(', ')}): use the pseudonyms and general descriptions of the anonymised report`,
        })
      }
    }
    return errors
  }

  /** The readiness check over what would be published now (both documents, the entry, the recommendations). */
  async #readiness(
    actor: Actor,
    review: Review,
    record: PublicationRecord,
    entry: EntryPreview,
    recommendations: readonly string[],
  ): Promise<Readiness> {
    const documents = await this.#reports.readinessMaterial(actor, review.id)
    let area = entry.input?.area ?? null
    if (!entry.input && !record.publishAsAnonymous) {
      const partnership = await this.#deps.partnerships.findById(review.partnershipId)
      area = partnership ? areaName(partnership.name) : null
    }
    const readiness = publicationReadiness({
      documents,
      summary: record.summary,
      themes: entry.input?.themes ?? [...new Set([...entry.findingThemes, ...themesOf(record.themes)])],
      area,
      publishAsAnonymous: record.publishAsAnonymous,
      recommendations,
    })
    // A missing pseudonym also stops the entry being made.
    const pseudonym = entry.problems.filter((p) => p.includes('pseudonym'))
    const extra = pseudonym.map((message) => ({ severity: 'blocker' as const, where: 'Title', quote: null, message }))
    return { ...readiness, findings: [...extra, ...readiness.findings], blockers: [...extra, ...readiness.blockers] }
  }

  /** The repository entry the review would make now, or why it cannot be made. */
  async #entryPreview(review: Review, record: PublicationRecord, findingThemes: Theme[]): Promise<EntryPreview> {
    const problems: string[] = []
    if (!review.pseudonym?.trim()) problems.push('Give the review a pseudonym (on the notification page)')
    if (!record.summary.trim()) problems.push('Enter and save a summary of the case')
    if (problems.length) return { input: null, problems, findingThemes }
    const partnership = await this.#deps.partnerships.findById(review.partnershipId)
    const agencies = partnership ? await this.#deps.partnerships.listAgencies(partnership.id) : []
    const kindOf = new Map(agencies.map((a) => [a.name, a.kind]))
    const agencyFacets = review.agenciesInvolved
      .map((name) => AGENCY_FACETS[kindOf.get(name) ?? ''])
      .filter((facet): facet is string => Boolean(facet))
    const child = review.children[0]
    const anonymous = record.publishAsAnonymous || !partnership
    const today = todayInEngland(this.#now())
    const input: PublishInput = {
      pseudonym: review.pseudonym!.trim(),
      year: Number(today.slice(0, 4)),
      area: anonymous ? null : areaName(partnership.name),
      partnership: anonymous ? null : partnership.name,
      region: anonymous ? null : partnership.region,
      reviewType: reviewTypeOf(review),
      natureOfIncident: review.nature === 'death' || review.nature === 'serious_harm' ? review.nature : null,
      childAgeBand: child ? ageBandAt(child.dateOfBirth, review.incidentDate, child.lookedAfter) : null,
      sex: child ? sexFacet(child.sex) : null,
      ethnicGroup: child ? ethnicGroupFacet(child.ethnicGroup) : null,
      reviewModel: review.commissioning?.methodology.trim().slice(0, 200) || null,
      themes: [...new Set([...findingThemes, ...themesOf(record.themes)])],
      agencies: [...new Set(agencyFacets)],
      keywords: record.keywords,
      summary: record.summary,
      recommendations: [],
      documents: [],
      confirmedAnonymised: true,
    }
    return { input, problems: [], findingThemes }
  }
}

/** Recommendations as published: in number order; each text already names who it is addressed to ("The partnership should …"). */
function publishedRecommendations(recommendations: ReadonlyArray<{ number: number; text: string }>): string[] {
  return [...recommendations].sort((a, b) => a.number - b.number).map((r) => r.text.trim())
}

function stale(): StalePublicationError {
  return new StalePublicationError('Someone else changed the publication record after you opened it')
}

function reasonProblems(reason: string, missing: string): FieldError[] {
  if (!reason.trim()) return [{ field: 'reason', message: missing }]
  if (reason.trim().length > PUBLICATION_LIMITS.note) {
    return [{ field: 'reason', message: `The reason must be ${PUBLICATION_LIMITS.note} characters or fewer` }]
  }
  return []
}

function roleMay(actor: Actor, permission: Permission): boolean {
  return roleAllows(actor.role, permission)
}

function themesOf(values: ReadonlyArray<string | null>): Theme[] {
  return values.filter((v): v is Theme => v !== null && (THEMES as readonly string[]).includes(v))
}

function reviewTypeOf(review: Review): PublishInput['reviewType'] {
  if (review.decision?.outcome === 'national_review_referral') return 'national_review'
  if (review.decision?.outcome === 'other_learning_review') return 'other'
  return 'lcspr'
}
