import { randomUUID } from 'node:crypto'
import type { Actor } from '../access/actor.ts'
import { roleAllows, type Permission } from '../access/permissions.ts'
import { todayInEngland, type IsoDate } from '../clocks/plain-date.ts'
import { workingDaysBetween } from '../clocks/working-days.ts'
import type { AccessPolicy } from '../access/access.policy.ts'
import type { AuditService } from '../audit/audit.service.ts'
import type { PublishedReviewService } from '../published-reviews/published-review.service.ts'
import type { ReviewService } from '../reviews/review.service.ts'
import type { UnitOfWork } from '../../db/unit-of-work.ts'
import { NotFoundError, ValidationError, type FieldError } from '../errors.ts'
import { THEMES } from '../published-reviews/published-review.ts'
import { embargoReasonFor, type Review } from '../reviews/review.ts'
import {
  earliestPublicationDate,
  happenedOnProblems,
  notPublishingProblems,
  panelNoticeClock,
  progressOf,
  PUBLICATION_STEPS,
  reversalProblems,
  STEP_INFO,
  stepProblems,
  type PublicationStep,
  type StepContext,
  withdrawalProblems,
  STAGE_AFTER_STEP,
  type EmbargoOutcome,
} from './publication.ts'
import type { PublicationChanges, PublicationRepository } from './publication.repository.ts'
import { embargoLiftProblems, embargoSetOn } from './publication-embargo.ts'
import { partnerStates } from './partner-sign-off.ts'
import type { PartnerSignOffRepository } from './partner-sign-off.repository.ts'
import type { PartnerSignOffService } from './partner-sign-off.service.ts'
import { changePublicationRecord, stalePublication, type StepChange } from './publication-change.ts'
import { publishedRecommendations, themesOf, type PublicationEntries } from './publication-entry.ts'
import {
  PUBLICATION_LIMITS,
  type DetailsInput,
  type PublicationView,
  type RecommendationsForPublication,
  type ReportsForPublication,
  type StepInput,
  type StepView,
} from './publication-view.ts'

// The page and the routes take these from the service's file.
export { StalePublicationError } from './publication-change.ts'
export {
  PUBLICATION_LIMITS,
  type DetailsInput,
  type EntryPreview,
  type PublicationView,
  type RecommendationsForPublication,
  type ReportsForPublication,
  type StepInput,
  type StepView,
} from './publication-view.ts'

/** What sign-off and publication are built from (constructed in `src/composition.ts`). */
export interface PublicationServiceDeps {
  readonly repository: PublicationRepository
  /** The statutory partners' sign-offs and who signs for each partner. */
  readonly signOffs: PartnerSignOffRepository
  readonly access: AccessPolicy
  readonly audit: AuditService
  /** The review (its scope, clocks, milestones and stage). */
  readonly reviews: ReviewService
  /** The national repository the entry is published to. */
  readonly publishedReviews: Pick<PublishedReviewService, 'publish' | 'unpublish'>
  readonly reports: ReportsForPublication
  readonly recommendations: RecommendationsForPublication
  /** The entry the review would make, its readiness, and the leak gate over typed texts. */
  readonly entries: PublicationEntries
  /** Each statutory partner's sign-off (the "signed off" step). */
  readonly partnerSignOff: Pick<PartnerSignOffService, 'signOff'>
  /** Publishing, recording a step and withdrawing write across slices: each in one transaction. */
  readonly unitOfWork: Pick<UnitOfWork, 'run'>
  /** The app's clock (tests move it). */
  readonly now: () => Date
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
    const entry = await this.#deps.entries.preview(review, state.record, findingThemes)
    const recommendations = publishedRecommendations(await this.#recommendations.forPublication(actor, review.id))
    const readiness = await this.#deps.entries.readiness(actor, review, state.record, entry, recommendations)
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
    if (step === 'signed_off')
      return this.#deps.partnerSignOff.signOff(actor, review, state.progress, state.context, input)
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
      const entry = await this.#deps.entries.preview(review, state.record, themesOf(findings.map((f) => f.theme)))
      const recommendations = publishedRecommendations(await this.#recommendations.forPublication(actor, review.id))
      const readiness = await this.#deps.entries.readiness(actor, review, state.record, entry, recommendations)
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
        ...(await this.#deps.entries.leakProblems(actor, review.id, [
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
    if (state.record.version !== version) throw stalePublication()
    const findings = await this.#recommendations.findingsForPublication(actor, review.id)
    const preview = await this.#deps.entries.preview(review, state.record, themesOf(findings.map((f) => f.theme)))
    if (!preview.input) throw new ValidationError(preview.problems.map((message) => ({ field: 'summary', message })))
    const recommendations = await this.#recommendations.forPublication(actor, review.id)
    const documents = await this.#reports.publicationDocuments(actor, review.id)
    const recommendationTexts = publishedRecommendations(recommendations)
    // The summary was checked when saved; the people and places may have changed since, so check again.
    const leaks = await this.#deps.entries.leakProblems(actor, review.id, [
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
    step: StepChange | null,
  ): Promise<void> {
    await changePublicationRecord(this.#repository, actor, reviewId, version, changes, step, this.#now())
  }
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
