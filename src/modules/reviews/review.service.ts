import type { AccessPolicy } from '../access/access.policy.ts'
import type { Actor } from '../access/actor.ts'
import type { Permission } from '../access/permissions.ts'
import type { AuditService } from '../audit/audit.service.ts'
import { DEFAULT_CLOCKS, validateClockDefinition, type ClockDefinition, type ClockEvent } from '../clocks/clock.ts'
import { compareIsoDates, todayInEngland, type IsoDate } from '../clocks/plain-date.ts'
import { NotFoundError, ValidationError, type FieldError } from '../errors.ts'
import type { PartnershipDirectory } from '../partnerships/partnership.ts'
import { nextDueClock, readReviewClocks, urgencyOf, type ReviewClock } from './review-clocks.ts'
import { buildTimeAndQualityReport, type TimeAndQualityReport } from './time-and-quality.ts'
import type { ReviewRepository, StageChange } from './review.repository.ts'
import type { ReviewClockRepository } from './review-clock.repository.ts'
import {
  duplicateReason,
  embargoReasonFor,
  EMPTY_RAPID_REVIEW,
  nextStages,
  REVIEW_STAGES,
  transitionProblems,
  type AgencySummary,
  type Commissioning,
  type Decision,
  type DuplicateCandidate,
  type Review,
  type ReviewChild,
  type ReviewStage,
  withChildrenPseudonymised,
} from './review.ts'

/** What a notification form sends. Dates are already checked to be real ISO dates. */
export interface NotificationInput {
  incidentDate: IsoDate | null
  awareDate: IsoDate | null
  panelNotifiedDate: IsoDate | null
  nature: string | null
  abuseOrNeglect: string | null
  agenciesInvolved: string[]
  outline: string
  pseudonym: string | null
  children: ReviewChild[]
}

/** A review in the dashboard: the review, its clocks, and the one due next. */
export interface ReviewListItem {
  review: Review
  clocks: ReviewClock[]
  nextDue: ReviewClock | null
}

/** Largest file an agency summary may be. */
export const SUMMARY_FILE_LIMIT_BYTES = 10 * 1024 * 1024

/** File types accepted for agency summaries, with the bytes every real file of the type starts with. */
const SUMMARY_FILE_TYPES: Record<string, { name: string; extensions: string[]; magic: number[] | null }> = {
  'application/pdf': { name: 'PDF', extensions: ['pdf'], magic: [0x25, 0x50, 0x44, 0x46] },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
    name: 'Word document',
    extensions: ['docx'],
    magic: [0x50, 0x4b, 0x03, 0x04],
  },
  'text/plain': { name: 'text file', extensions: ['txt'], magic: null },
}

/** Thrown when a save was based on an older version of the review (someone else saved first). */
export class StaleReviewError extends Error {
  override name = 'StaleReviewError'
}

/**
 * Use cases of the review lifecycle: notify, rapid review, decide, commission, move stage, clocks.
 *
 * Contract: every method starts with an access check. Coordinators and chairs act on all of their
 * partnership's reviews; lead reviewers and panel members only on reviews they are members of;
 * national viewers read submitted notifications and decisions. A review outside the actor's
 * scope is "not found". Every read of a review is audited; every change is audited and recorded.
 * Saves are refused (StaleReviewError) when based on an older version, so nothing is overwritten.
 */
export class ReviewService {
  readonly #access: AccessPolicy
  readonly #reviews: ReviewRepository
  readonly #clocks: ReviewClockRepository
  readonly #partnerships: PartnershipDirectory
  readonly #audit: AuditService
  readonly #now: () => Date
  constructor(
    access: AccessPolicy,
    reviews: ReviewRepository,
    clocks: ReviewClockRepository,
    partnerships: PartnershipDirectory,
    audit: AuditService,
    now: () => Date,
  ) {
    this.#access = access
    this.#reviews = reviews
    this.#clocks = clocks
    this.#partnerships = partnerships
    this.#audit = audit
    this.#now = now
  }

  /** The names of the actor's partnership's agencies, for the review forms (none outside a partnership). */
  async agencyNames(actor: Actor): Promise<string[]> {
    await this.#access.require(actor, 'review.list')
    if (!actor.partnershipId) return []
    return (await this.#partnerships.listAgencies(actor.partnershipId)).map((a) => a.name)
  }

  /** Today in England (clock arithmetic is in calendar dates). */
  today(): IsoDate {
    return todayInEngland(this.#now())
  }

  /** The reviews the actor may see, most urgent clock first. */
  async list(actor: Actor): Promise<ReviewListItem[]> {
    await this.#access.require(actor, 'review.list')
    const scope = await this.#access.reviewListScope(actor)
    let reviews: Review[]
    switch (scope.kind) {
      case 'none':
        return []
      case 'national':
        reviews = await this.#reviews.list({ submittedOnly: true })
        break
      case 'partnership':
        reviews = await this.#reviews.list({ partnershipId: scope.partnershipId })
        break
      case 'member':
        reviews = await this.#reviews.list({ partnershipId: scope.partnershipId, memberUserId: scope.userId })
        break
      case 'reviews':
        if (scope.reviewIds.length === 0) return []
        reviews = await this.#reviews.list({ partnershipId: scope.partnershipId, reviewIds: scope.reviewIds })
        break
    }
    // A list never shows real names: a reveal is a deliberate, audited look at one review.
    if (!this.#access.can(actor, 'review.revealOriginal')) reviews = reviews.map(withChildrenPseudonymised)
    const items = await this.#withClocks(reviews)
    items.sort((a, b) => {
      const [ua, da] = urgencyOf(a.nextDue)
      const [ub, db] = urgencyOf(b.nextDue)
      return ua - ub || da.localeCompare(db)
    })
    await this.#audit.recordAction(actor, 'review.list', null, { count: items.length })
    return items
  }

  /**
   * One review's summary with its clocks and history. The read is audited.
   *
   * Real names: with `review.revealOriginal` the children's names and dates of birth are returned and the
   * reveal is recorded (`review.reveal_original`); without it they are labels ({@link withChildrenPseudonymised}).
   */
  async get(
    actor: Actor,
    reviewId: string,
  ): Promise<
    ReviewListItem & {
      history: StageChange[]
      members: Awaited<ReturnType<ReviewRepository['members']>>
      links: Awaited<ReturnType<ReviewRepository['links']>>
    }
  > {
    await this.#access.require(actor, 'review.readSummary', { review: reviewId })
    const stored = (await this.#reviews.findById(reviewId))!
    const reveal = this.#access.can(actor, 'review.revealOriginal')
    const review = reveal ? stored : withChildrenPseudonymised(stored)
    const [item] = await this.#withClocks([review])
    const [history, members, links] = await Promise.all([
      this.#reviews.stageHistory(reviewId),
      this.#reviews.members(reviewId),
      this.#reviews.links(reviewId),
    ])
    await this.#audit.recordAction(actor, 'review.read', { type: 'review', id: reviewId })
    if (reveal && review.children.length > 0) {
      await this.#audit.recordAction(
        actor,
        'review.reveal_original',
        { type: 'review', id: reviewId },
        { children: review.children.length, view: 'review summary' },
      )
    }
    return { ...item, history, members, links }
  }

  /**
   * Notifications already on record that look like the same incident (same child by name and
   * date of birth, or same incident date and child name). Shown before saving.
   */
  async findDuplicates(
    actor: Actor,
    input: Pick<NotificationInput, 'incidentDate' | 'children'>,
    excludeId?: string,
  ): Promise<DuplicateCandidate[]> {
    await this.#access.require(actor, 'review.create')
    const dates = input.children.map((c) => c.dateOfBirth).filter((d): d is string => !!d)
    const candidates = await this.#reviews.possibleDuplicates(
      actor.partnershipId!,
      input.incidentDate,
      dates,
      excludeId,
    )
    return candidates.flatMap((existing) => {
      const reason = duplicateReason(input, existing)
      return reason ? [{ reviewId: existing.id, reference: existing.reference, reason }] : []
    })
  }

  /**
   * Start a notification. `submit: false` saves a draft with whatever is filled in (nothing typed
   * is lost); `submit: true` requires the notification to be complete.
   * @throws ValidationError listing what is missing when submitting.
   */
  async createNotification(actor: Actor, input: NotificationInput, submit: boolean): Promise<string> {
    await this.#access.require(actor, 'review.create')
    const partnershipId = actor.partnershipId!
    if (submit) this.#assertComplete(input)
    const now = this.#now()
    const partnership = await this.#partnerships.findById(partnershipId)
    const id = await this.#reviews.create(
      {
        partnershipId,
        referencePrefix: initialsOf(partnership?.name ?? 'REV'),
        createdBy: actor.userId,
        fields: {
          stage: 'notified',
          notificationSubmittedAt: submit ? now.toISOString() : null,
          incidentDate: input.incidentDate,
          awareDate: input.awareDate,
          nature: input.nature,
          abuseOrNeglect: input.abuseOrNeglect,
          agenciesInvolved: input.agenciesInvolved,
          outline: input.outline,
          pseudonym: input.pseudonym,
          rapidReview: EMPTY_RAPID_REVIEW,
          decision: null,
          commissioning: null,
          embargoReason: null,
        },
        children: input.children,
      },
      now,
    )
    await this.#setNotificationMilestones(id, input, actor)
    await this.#reviews.addStageChange(
      id,
      {
        fromStage: null,
        toStage: 'notified',
        changedBy: actor.userId,
        changedByName: actor.displayName,
        note: submit ? 'Notification submitted' : 'Draft notification started',
      },
      now,
    )
    await this.#audit.recordAction(actor, submit ? 'review.notify' : 'review.draft_notification', {
      type: 'review',
      id,
    })
    return id
  }

  /** Save a notification again (a draft, or corrections); `submit` makes a draft final. */
  async updateNotification(
    actor: Actor,
    reviewId: string,
    version: number,
    input: NotificationInput,
    submit: boolean,
  ): Promise<void> {
    const review = await this.#reviewFor(actor, 'review.manage', reviewId)
    const submitting = submit || review.notificationSubmittedAt !== null
    if (submitting) this.#assertComplete(input)
    const now = this.#now()
    await this.#save(
      review,
      version,
      {
        incidentDate: input.incidentDate,
        awareDate: input.awareDate,
        nature: input.nature,
        abuseOrNeglect: input.abuseOrNeglect,
        agenciesInvolved: input.agenciesInvolved,
        outline: input.outline,
        pseudonym: input.pseudonym,
        notificationSubmittedAt: review.notificationSubmittedAt ?? (submit ? now.toISOString() : null),
      },
      input.children,
    )
    await this.#setNotificationMilestones(reviewId, input, actor)
    if (submit && !review.notificationSubmittedAt) {
      await this.#reviews.addStageChange(
        reviewId,
        {
          fromStage: 'notified',
          toStage: 'notified',
          changedBy: actor.userId,
          changedByName: actor.displayName,
          note: 'Notification submitted',
        },
        now,
      )
    }
    await this.#audit.recordAction(actor, submit ? 'review.notify' : 'review.update_notification', {
      type: 'review',
      id: reviewId,
    })
  }

  /** Ask an agency for a rapid review summary by a date. */
  async requestAgencySummary(
    actor: Actor,
    reviewId: string,
    version: number,
    agency: string,
    dueDate: IsoDate,
  ): Promise<void> {
    const review = await this.#reviewFor(actor, 'review.manage', reviewId)
    const errors: FieldError[] = []
    if (!agency.trim()) errors.push({ field: 'agency', message: 'Select the agency' })
    if (review.rapidReview.summaries.some((s) => s.agency === agency)) {
      errors.push({ field: 'agency', message: `${agency} has already been asked for a summary` })
    }
    if (errors.length) throw new ValidationError(errors)
    const summaries: AgencySummary[] = [
      ...review.rapidReview.summaries,
      { agency, dueDate, receivedDate: null, summary: '' },
    ]
    await this.#save(review, version, { rapidReview: { ...review.rapidReview, summaries } })
    await this.#audit.recordAction(actor, 'review.request_agency_summary', { type: 'review', id: reviewId }, { agency })
  }

  /** Record an agency's rapid review summary as received. */
  async recordAgencySummary(
    actor: Actor,
    reviewId: string,
    version: number,
    agency: string,
    receivedDate: IsoDate,
    summary: string,
  ): Promise<void> {
    const review = await this.#reviewFor(actor, 'review.manage', reviewId)
    if (!review.rapidReview.summaries.some((s) => s.agency === agency)) {
      throw new ValidationError([{ field: 'agency', message: 'Ask the agency for a summary first' }])
    }
    if (!summary.trim()) throw new ValidationError([{ field: 'summary', message: 'Enter the agency’s summary' }])
    const summaries = review.rapidReview.summaries.map((s) =>
      s.agency === agency ? { ...s, receivedDate, summary } : s,
    )
    await this.#save(review, version, { rapidReview: { ...review.rapidReview, summaries } })
    await this.#audit.recordAction(actor, 'review.record_agency_summary', { type: 'review', id: reviewId }, { agency })
  }

  /**
   * Attach an agency's rapid review summary sent as a file (PDF, Word or plain text, up to
   * {@link SUMMARY_FILE_LIMIT_BYTES}); it counts as received on `receivedDate`.
   * @throws ValidationError for an agency not asked, a wrong type, an empty or oversized file.
   */
  async attachAgencySummaryFile(
    actor: Actor,
    reviewId: string,
    version: number,
    agency: string,
    receivedDate: IsoDate,
    file: { fileName: string; contentType: string; data: Uint8Array },
  ): Promise<void> {
    const review = await this.#reviewFor(actor, 'review.manage', reviewId)
    const errors: FieldError[] = []
    if (!review.rapidReview.summaries.some((s) => s.agency === agency)) {
      errors.push({ field: 'file-agency', message: 'Ask the agency for a summary first' })
    }
    const type = SUMMARY_FILE_TYPES[file.contentType]
    const extension = file.fileName.toLowerCase().split('.').pop() ?? ''
    if (!type || !type.extensions.includes(extension)) {
      errors.push({
        field: 'summaryFile',
        message: 'The selected file must be a PDF, a Word document (DOCX) or a text file',
      })
    } else if (file.data.byteLength === 0) {
      errors.push({ field: 'summaryFile', message: 'The selected file is empty' })
    } else if (file.data.byteLength > SUMMARY_FILE_LIMIT_BYTES) {
      errors.push({ field: 'summaryFile', message: 'The selected file must be smaller than 10 MB' })
    } else if (type.magic && !type.magic.every((byte, i) => file.data[i] === byte)) {
      errors.push({ field: 'summaryFile', message: `The selected file is not a real ${type.name}` })
    }
    if (errors.length) throw new ValidationError(errors)
    const fileName = file.fileName.replace(/[^\w .()-]+/g, '_').slice(-150)
    const id = await this.#reviews.addFile(
      reviewId,
      {
        purpose: 'agency_summary',
        agency,
        fileName,
        contentType: file.contentType,
        data: file.data,
        uploadedBy: actor.userId,
      },
      this.#now(),
    )
    const summaries = review.rapidReview.summaries.map((s) =>
      s.agency === agency ? { ...s, receivedDate, file: { id, name: fileName } } : s,
    )
    await this.#save(review, version, { rapidReview: { ...review.rapidReview, summaries } })
    await this.#audit.recordAction(actor, 'review.attach_agency_summary', { type: 'review', id: reviewId }, { agency })
  }

  /** A file of the review for someone who may read the review. The read is audited. */
  async file(
    actor: Actor,
    reviewId: string,
    fileId: string,
  ): Promise<{ fileName: string; contentType: string; data: Uint8Array }> {
    await this.#reviewFor(actor, 'review.read', reviewId)
    const file = await this.#reviews.file(reviewId, fileId)
    if (!file) throw new NotFoundError('File not found')
    await this.#audit.recordAction(actor, 'review.read_file', { type: 'review_file', id: fileId }, { reviewId })
    return file
  }

  /** Record the rapid review panel meeting, its outcome and the date it was sent to the Panel. */
  async recordRapidReviewMeeting(
    actor: Actor,
    reviewId: string,
    version: number,
    input: { meetingDate: IsoDate; outcome: string; recommendedNextStep: string; sentToPanelDate: IsoDate | null },
  ): Promise<void> {
    const review = await this.#reviewFor(actor, 'review.manage', reviewId)
    const errors: FieldError[] = []
    if (!input.outcome.trim()) errors.push({ field: 'outcome', message: 'Enter the outcome of the rapid review' })
    if (!input.recommendedNextStep.trim())
      errors.push({ field: 'recommendedNextStep', message: 'Enter the recommended next step' })
    if (input.sentToPanelDate && compareIsoDates(input.sentToPanelDate, input.meetingDate) < 0) {
      errors.push({
        field: 'sentToPanelDate',
        message: 'The date sent to the Panel must be the same as or after the meeting date',
      })
    }
    if (errors.length) throw new ValidationError(errors)
    await this.#save(review, version, {
      rapidReview: {
        ...review.rapidReview,
        meetingDate: input.meetingDate,
        outcome: input.outcome,
        recommendedNextStep: input.recommendedNextStep,
      },
    })
    await this.#reviews.setMilestone(
      reviewId,
      'rapid_review_sent_to_panel',
      input.sentToPanelDate,
      actor.userId,
      this.#now(),
    )
    await this.#audit.recordAction(actor, 'review.record_rapid_review', { type: 'review', id: reviewId })
  }

  /**
   * Record the decision against every criterion, with its rationale (required). Chairs and
   * safeguarding partners decide. A decision not to review is as complete a record as one to review.
   */
  async recordDecision(
    actor: Actor,
    reviewId: string,
    version: number,
    decision: Omit<Decision, 'decidedBy'>,
  ): Promise<void> {
    const review = await this.#reviewFor(actor, 'review.decide', reviewId)
    const errors: FieldError[] = []
    if (!decision.rationale.trim()) errors.push({ field: 'rationale', message: 'Enter the rationale for the decision' })
    for (const [key, value] of Object.entries(decision.criteria)) {
      if (value.answer === 'met' && !value.evidence.trim()) {
        errors.push({
          field: `criterion-${key}-evidence`,
          message: 'Enter the evidence for each criterion you say is met',
        })
        break
      }
    }
    if (errors.length) throw new ValidationError(errors)
    await this.#save(review, version, { decision: { ...decision, decidedBy: actor.displayName } })
    await this.#reviews.setMilestone(reviewId, 'decision_made', decision.decidedOn, actor.userId, this.#now())
    await this.#audit.recordAction(
      actor,
      'review.decide',
      { type: 'review', id: reviewId },
      { outcome: decision.outcome },
    )
  }

  /** Record the commissioning: terms of reference, methodology, reviewers, family plan, parallel processes. */
  async recordCommissioning(
    actor: Actor,
    reviewId: string,
    version: number,
    commissioning: Commissioning,
  ): Promise<void> {
    const review = await this.#reviewFor(actor, 'review.manage', reviewId)
    const errors: FieldError[] = []
    if (compareIsoDates(commissioning.scopeEnd, commissioning.scopeStart) < 0) {
      errors.push({ field: 'scopeEnd', message: 'The end of the period under review must be after its start' })
    }
    if (errors.length) throw new ValidationError(errors)
    await this.#save(review, version, { commissioning, embargoReason: embargoReasonFor(commissioning) })
    await this.#audit.recordAction(actor, 'review.commission', { type: 'review', id: reviewId })
  }

  /**
   * Link another review of the partnership (by its reference), e.g. a domestic homicide review
   * triggered by the same incident. Links show on both reviews.
   * @throws ValidationError when the reference is unknown, or is this review.
   */
  async linkReview(actor: Actor, reviewId: string, reference: string, reason: string): Promise<void> {
    const review = await this.#reviewFor(actor, 'review.manage', reviewId)
    const errors: FieldError[] = []
    const other = reference.trim()
      ? await this.#reviews.findByReference(review.partnershipId, reference.trim().toUpperCase())
      : undefined
    if (!reference.trim())
      errors.push({ field: 'reference', message: 'Enter the reference of the review to link, like MSCP-2026-002' })
    else if (!other)
      errors.push({ field: 'reference', message: `There is no review ${reference.trim()} in this partnership` })
    else if (other.id === reviewId) errors.push({ field: 'reference', message: 'A review cannot be linked to itself' })
    if (!reason.trim()) errors.push({ field: 'link-reason', message: 'Enter how the reviews are related' })
    if (errors.length) throw new ValidationError(errors)
    await this.#reviews.addLink(reviewId, other!.id, reason.trim(), actor.userId, this.#now())
    await this.#audit.recordAction(
      actor,
      'review.link',
      { type: 'review', id: reviewId },
      { linkedReviewId: other!.id },
    )
  }

  /** The actor's partnership's clock definitions, for an administrator to change. */
  async clockDefinitionsFor(actor: Actor): Promise<ClockDefinition[]> {
    await this.#access.require(actor, 'clock.manage')
    return this.clockDefinitions(actor.partnershipId!)
  }

  /**
   * Replace the partnership's clock definitions (every review's clocks are read from them).
   * @throws ValidationError with each definition's problems, in plain English.
   */
  async saveClockDefinitions(actor: Actor, definitions: ClockDefinition[]): Promise<void> {
    await this.#access.require(actor, 'clock.manage')
    const errors: FieldError[] = definitions.flatMap((d) =>
      validateClockDefinition(d).map((message) => ({
        field: `${d.key}-amount`,
        message: `${d.name || d.key}: ${message}`,
      })),
    )
    if (errors.length) throw new ValidationError(errors)
    await this.#clocks.saveClockDefinitions(actor.partnershipId!, definitions, this.#now())
    await this.#audit.recordAction(actor, 'clock.change_definitions', null, { clocks: definitions.length })
  }

  /** Make a user of the partnership a lead reviewer or panel member of the review (they can then read it). */
  async addMember(
    actor: Actor,
    reviewId: string,
    userId: string,
    roleInReview: 'lead_reviewer' | 'panel_member',
  ): Promise<void> {
    await this.#reviewFor(actor, 'review.manage', reviewId)
    await this.#reviews.addMember(reviewId, userId, roleInReview)
    await this.#audit.recordAction(
      actor,
      'review.add_member',
      { type: 'review', id: reviewId },
      { userId, roleInReview },
    )
  }

  /**
   * Move the review to another stage, if its guard allows.
   * @throws ValidationError with the guard's reasons in plain English.
   */
  async moveStage(
    actor: Actor,
    reviewId: string,
    version: number,
    to: ReviewStage,
    note: string | null,
  ): Promise<void> {
    const review = await this.#reviewFor(actor, 'review.manage', reviewId)
    const problems = transitionProblems(review, to)
    if (problems.length) throw new ValidationError(problems.map((message) => ({ field: 'to', message })))
    await this.#move(actor, review, version, to, note)
  }

  /**
   * Move the review on to `to` because a sign-off or publication step was recorded (see
   * STAGE_AFTER_STEP in the publication slice): from where it stands (commissioned or later) through
   * each stage in between, each move guarded and recorded in the stage history by `actor` with `note`.
   * Never moves back: a review already at `to` or beyond, or not yet commissioned, is left where it is.
   * `permission` is the step's own (the chair approves without `review.manage`).
   * @throws AccessDeniedError without `permission`; StaleReviewError when someone else saved first.
   */
  async followPublicationStep(
    actor: Actor,
    reviewId: string,
    permission: Permission,
    to: ReviewStage,
    options: { note: string },
  ): Promise<void> {
    await this.#access.require(actor, permission, { review: reviewId })
    const target = REVIEW_STAGES.indexOf(to)
    for (;;) {
      const review = (await this.#reviews.findById(reviewId))!
      const at = REVIEW_STAGES.indexOf(review.stage)
      if (at < REVIEW_STAGES.indexOf('commissioned') || at >= target) return
      const next = nextStages(review.stage).find((stage) => stage !== 'closed')
      if (!next || transitionProblems(review, next).length) return
      await this.#move(actor, review, review.version, next, options.note)
    }
  }

  /**
   * Set the milestone a publication step meets ("report sent to the Panel", "planned publication"):
   * the "sent to the Panel before publication" clock runs between them. For the publication slice,
   * with the permission of the step being recorded.
   * @throws AccessDeniedError, NotFoundError.
   */
  async setPublicationMilestone(
    actor: Actor,
    reviewId: string,
    permission: Permission,
    milestone: 'report_sent_to_panel' | 'planned_publication',
    on: IsoDate,
  ): Promise<void> {
    await this.#access.require(actor, permission, { review: reviewId })
    await this.#reviews.setMilestone(reviewId, milestone, on, actor.userId, this.#now())
  }

  /** Save the move, set the milestone it meets, record it in the stage history and the audit log. */
  async #move(actor: Actor, review: Review, version: number, to: ReviewStage, note: string | null): Promise<void> {
    const now = this.#now()
    await this.#save(review, version, { stage: to })
    if (to === 'sign_off')
      await this.#reviews.setMilestone(review.id, 'review_completed', this.today(), actor.userId, now)
    await this.#reviews.addStageChange(
      review.id,
      { fromStage: review.stage, toStage: to, changedBy: actor.userId, changedByName: actor.displayName, note },
      now,
    )
    await this.#audit.recordAction(
      actor,
      'review.move_stage',
      { type: 'review', id: review.id },
      { from: review.stage, to },
    )
  }

  /** Record an agreed extension of a clock: a later due date and the reason. */
  async extendClock(
    actor: Actor,
    reviewId: string,
    clockKey: string,
    newDueDate: IsoDate,
    reason: string,
  ): Promise<void> {
    const review = await this.#reviewFor(actor, 'review.manage', reviewId)
    const [item] = await this.#withClocks([review])
    const clock = item.clocks.find((c) => c.definition.key === clockKey)
    const errors: FieldError[] = []
    if (!clock) errors.push({ field: 'clockKey', message: 'Select a clock' })
    else if (!clock.reading.dueDate)
      errors.push({ field: 'clockKey', message: 'This clock has not started, so it cannot be extended' })
    else if (compareIsoDates(newDueDate, clock.reading.dueDate) <= 0) {
      errors.push({
        field: 'newDueDate',
        message: `The new due date must be after the current due date, ${clock.reading.dueDate}`,
      })
    }
    if (!reason.trim()) errors.push({ field: 'reason', message: 'Enter the reason for the extension' })
    if (errors.length) throw new ValidationError(errors)
    await this.#clocks.addExtension(
      reviewId,
      { clockKey, reason, newDueDate, agreedOn: this.today(), recordedBy: actor.userId },
      this.#now(),
    )
    await this.#audit.recordAction(
      actor,
      'review.extend_clock',
      { type: 'review', id: reviewId },
      { clockKey, newDueDate },
    )
  }

  /**
   * The regulation 14 "time and quality" report across the actor's partnership: for each clock,
   * how many reviews met it on time, late, or are overdue; how long reviews spent in each stage.
   * Coordinators and chairs only (it spans every review of the partnership).
   */
  async timeAndQuality(actor: Actor): Promise<TimeAndQualityReport> {
    // It spans every review of the partnership, so it needs the reach to see them all.
    await this.#access.require(actor, 'review.readAll', { partnership: actor.partnershipId ?? '' })
    const partnershipId = actor.partnershipId!
    const reviews = (await this.#reviews.list({ partnershipId })).filter((r) => r.notificationSubmittedAt)
    const [items, histories, definitions] = await Promise.all([
      this.#withClocks(reviews),
      this.#reviews.stageHistoryForPartnership(partnershipId),
      this.clockDefinitions(partnershipId),
    ])
    await this.#audit.recordAction(actor, 'review.time_and_quality_report', null, { reviews: items.length })
    return buildTimeAndQualityReport(
      definitions,
      items.map((i) => ({ ...i, history: histories.get(i.review.id) ?? [] })),
      this.#now(),
    )
  }

  /** The partnership's clock definitions (the defaults until an administrator changes them). */
  async clockDefinitions(partnershipId: string): Promise<ClockDefinition[]> {
    const stored = await this.#clocks.clockDefinitions(partnershipId)
    return stored.length ? stored : [...DEFAULT_CLOCKS]
  }

  #assertComplete(input: NotificationInput): void {
    const errors: FieldError[] = []
    if (input.children.length === 0 || input.children.some((c) => !c.name.trim())) {
      errors.push({ field: 'child0-name', message: 'Enter the name of each child' })
    }
    if (input.children.some((c) => !c.dateOfBirth && !c.ageText?.trim())) {
      errors.push({
        field: 'child0-dateOfBirth',
        message: 'Enter each child’s date of birth, or their age if it is not known',
      })
    }
    if (!input.incidentDate) errors.push({ field: 'incidentDate', message: 'Enter the date of the incident' })
    if (!input.awareDate)
      errors.push({ field: 'awareDate', message: 'Enter the date the local authority became aware' })
    if (input.incidentDate && input.awareDate && compareIsoDates(input.awareDate, input.incidentDate) < 0) {
      errors.push({
        field: 'awareDate',
        message: 'The date the local authority became aware must be the same as or after the incident',
      })
    }
    if (!input.nature)
      errors.push({ field: 'nature', message: 'Select whether the child died or was seriously harmed' })
    if (!input.abuseOrNeglect)
      errors.push({ field: 'abuseOrNeglect', message: 'Select whether abuse or neglect is known or suspected' })
    if (!input.outline.trim()) errors.push({ field: 'outline', message: 'Enter a short outline of what happened' })
    if (errors.length) throw new ValidationError(errors)
  }

  async #setNotificationMilestones(reviewId: string, input: NotificationInput, actor: Actor): Promise<void> {
    const now = this.#now()
    const events: Array<[ClockEvent, IsoDate | null]> = [
      ['local_authority_aware', input.awareDate],
      ['panel_notified', input.panelNotifiedDate],
    ]
    for (const [event, date] of events) await this.#reviews.setMilestone(reviewId, event, date, actor.userId, now)
  }

  async #save(
    review: Review,
    version: number,
    fields: Parameters<ReviewRepository['update']>[2],
    children?: ReviewChild[],
  ): Promise<void> {
    if (
      version !== review.version ||
      !(await this.#reviews.update(review.id, version, fields, this.#now(), children))
    ) {
      throw new StaleReviewError('Someone else changed this review after you opened it')
    }
  }

  async #withClocks(reviews: Review[]): Promise<ReviewListItem[]> {
    const extensions = await this.#clocks.extensions(reviews.map((r) => r.id))
    const definitions = new Map<string, ClockDefinition[]>()
    const today = this.today()
    const items: ReviewListItem[] = []
    for (const review of reviews) {
      let defs = definitions.get(review.partnershipId)
      if (!defs) {
        defs = await this.clockDefinitions(review.partnershipId)
        definitions.set(review.partnershipId, defs)
      }
      const clocks = readReviewClocks(defs, review, extensions.get(review.id) ?? [], today)
      items.push({ review, clocks, nextDue: nextDueClock(clocks) })
    }
    return items
  }

  /**
   * For other services of a review (people, chronology, reports): the review after
   * `policy.require(actor, 'review.read', { review })`, without recording a read (the caller audits
   * what it reads).
   * @throws NotFoundError outside the actor's reach; AccessDeniedError without the permission.
   */
  async readableReview(actor: Actor, reviewId: string): Promise<Review> {
    return this.#reviewFor(actor, 'review.read', reviewId)
  }

  /** For other services: the review after `policy.require(actor, 'review.manage', { review })`. */
  async manageableReview(actor: Actor, reviewId: string): Promise<Review> {
    return this.#reviewFor(actor, 'review.manage', reviewId)
  }

  /** The review, after the policy allowed `permission` on it (the one check; then the read). */
  async #reviewFor(actor: Actor, permission: 'review.read' | 'review.manage' | 'review.decide', reviewId: string) {
    await this.#access.require(actor, permission, { review: reviewId })
    return (await this.#reviews.findById(reviewId))!
  }
}

/** "Marlshire Safeguarding Children Partnership" → "MSCP" (the reference prefix). */
export function initialsOf(name: string): string {
  const initials = name
    .split(/\s+/)
    .filter((w) => /^[A-Za-z]/.test(w))
    .map((w) => w[0].toUpperCase())
    .join('')
  return initials.slice(0, 6) || 'REV'
}
