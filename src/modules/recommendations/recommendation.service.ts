/**
 * Findings, recommendations, action plans, progress and evidence of impact (issue 6, part B).
 *
 * Who does what (docs/decisions/0010-recommendations-and-action-plans.md):
 * - findings and recommendations are written by `report.write` holders (lead reviewers, coordinators) in
 *   reviews they can read, and read by everyone who can read the review;
 * - actions are added by coordinators (`review.manage`), who also close them once evidence of impact is in;
 * - agency contributors (`action.update`) see only the actions their agency owns, and add progress notes and
 *   evidence to them; chairs, lead reviewers and panel members read (`action.read`) within their scope.
 * Every read of case material is audited; every change too.
 */
import type { Actor } from '../access/actor.ts'
import { roleAllows, type Permission } from '../access/permissions.ts'
import { formatLongDate, todayInEngland, type IsoDate } from '../clocks/plain-date.ts'
import type { AccessPolicy } from '../access/access.policy.ts'
import type { AuditService } from '../audit/audit.service.ts'
import type { OutboxService } from '../outbox/outbox.service.ts'
import type { PartnershipDirectory } from '../partnerships/partnership.ts'
import type { ReviewService } from '../reviews/review.service.ts'
import type { PartnershipUser, UserDirectory } from '../users/user.ts'
import { NotFoundError, StaleEditError, ValidationError, type FieldError } from '../errors.ts'
import { OFFICIAL_SENSITIVE } from '../export/protective-marking.ts'
import { toCsv } from '../export/spreadsheet-escape.ts'
import type { Agency } from '../partnerships/partnership.ts'
import { THEMES, type Theme } from '../published-reviews/published-review.ts'
import type { Review } from '../reviews/review.ts'
import {
  ACTION_STATUS_NAMES,
  ACTION_STATUSES,
  checkEvidenceFile,
  isActionStatus,
  isOverdue,
  recommendationSentence,
  type ActionStatus,
} from './action-plan.ts'
import {
  type RecommendationRepository,
  type ActionContent,
  type Evidence,
  type Finding,
  type PlanAction,
  type ProgressNote,
  type Recommendation,
} from './recommendation.repository.ts'

export type { Evidence, Finding, PlanAction, ProgressNote, Recommendation }

/** Thrown when a save was based on an older version (someone else saved first): nothing is overwritten. */
export { StaleEditError }

/** What the finding form sends (as typed). */
export interface FindingInput {
  title: string
  text: string
  /** A theme id, or '' for none. */
  theme: string
}

/** What the recommendation form sends (as typed). */
export interface RecommendationInput {
  addressedTo: string
  action: string
  measureOfSuccess: string
  timescale: string
  findingIds: string[]
}

/** What the new action form sends; the due date is already read from the date input (null: not given). */
export interface ActionInput {
  description: string
  agencyId: string
  owner: string
  dueDate: IsoDate | null
}

/** The review in a plan: enough to title pages, never case detail. */
export interface PlanReview {
  id: string
  partnershipId: string
  reference: string
  pseudonym: string | null
}

/** An action with its overdue flag for today. */
export interface ActionItem extends PlanAction {
  overdue: boolean
}

/** A review's findings, recommendations and their actions. */
export interface ReviewPlan {
  review: PlanReview
  findings: Finding[]
  recommendations: Array<Recommendation & { sentence: string; actions: ActionItem[] }>
  agencies: Agency[]
  today: IsoDate
}

/** One action with everything its page shows. */
export interface ActionDetail {
  action: ActionItem
  recommendation: Recommendation & { sentence: string }
  progress: ProgressNote[]
  evidence: Evidence[]
  /** May add progress notes and evidence. */
  canUpdate: boolean
  /** May close the action (once there is evidence). */
  canClose: boolean
}

/** Filters of the actions dashboard (all optional). */
export interface DashboardFilter {
  status?: string
  agencyId?: string
  reviewId?: string
  overdue?: boolean
}

/** The actions dashboard: the actions, counts by agency and status, and what the filters offer. */
export interface Dashboard {
  actions: ActionItem[]
  /** Per agency (in the filtered actions): counts by status, overdue and total. */
  byAgency: Array<{ agency: string; counts: Record<ActionStatus, number>; overdue: number; total: number }>
  /** Counts by status over the filtered actions. */
  byStatus: Record<ActionStatus, number>
  overdue: number
  agencies: Agency[]
  reviews: Array<{ id: string; reference: string; pseudonym: string | null }>
  /** The filters as applied (unknown values dropped). */
  filter: { status: ActionStatus | null; agencyId: string | null; reviewId: string | null; overdue: boolean }
  today: IsoDate
}

/** Column headings of the actions CSV. */
export const ACTIONS_CSV_HEADER = [
  'Review',
  'Pseudonym',
  'Recommendation',
  'Action',
  'Description',
  'Agency',
  'Owner',
  'Due date',
  'Status',
  'Overdue',
] as const

/** Longest texts accepted. */
const MAX_TITLE = 300
const MAX_TEXT = 20_000
const MAX_SHORT = 500

/** What findings, recommendations and action plans are built from (constructed in `src/composition.ts`). */
export interface RecommendationServiceDeps {
  readonly repository: RecommendationRepository
  readonly access: AccessPolicy
  readonly audit: AuditService
  readonly partnerships: PartnershipDirectory
  readonly users: UserDirectory
  readonly reviews: ReviewService
  /** Overdue-action reminders are queued there. */
  readonly outbox: OutboxService
  /** The app's clock (tests move it). */
  readonly now: () => Date
}

/** Use cases of findings, recommendations and action plans. */
export class RecommendationService {
  readonly #deps: RecommendationServiceDeps
  readonly #repo: RecommendationRepository
  constructor(deps: RecommendationServiceDeps) {
    this.#deps = deps
    this.#repo = deps.repository
  }

  /** Today in England, on the app's clock (the overdue rule is in calendar dates). */
  today(): IsoDate {
    return todayInEngland(this.#deps.now())
  }

  // Reading a review's plan ----------------------------------------------------------------------------

  /**
   * A review's findings, recommendations and their actions, for anyone who may read the review.
   * Contract: AccessDeniedError without `review.read`; NotFoundError outside the actor's scope (agency
   * contributors use the actions dashboard, which shows only their agency's actions). The read is audited.
   */
  async reviewPlan(actor: Actor, reviewId: string): Promise<ReviewPlan> {
    const review = await this.#readable(actor, reviewId)
    const today = this.today()
    const [findings, recommendations, actions, agencies] = await Promise.all([
      this.#repo.listFindings(reviewId),
      this.#repo.listRecommendations(reviewId),
      this.#repo.listActions({ partnershipId: review.partnershipId, reviewId }),
      this.#deps.partnerships.listAgencies(review.partnershipId),
    ])
    await this.#auditRead(actor, reviewId)
    return {
      review: planReview(review),
      findings,
      recommendations: recommendations.map((r) => ({
        ...r,
        sentence: recommendationSentence(r),
        actions: actions.filter((a) => a.recommendationId === r.id).map((a) => withOverdue(a, today)),
      })),
      agencies,
      today,
    }
  }

  // Findings ---------------------------------------------------------------------------------------------

  /**
   * The review and its findings, for the finding and recommendation forms.
   * Contract: `report.write` in a review the actor may read; audited as a read.
   */
  async forWriting(actor: Actor, reviewId: string): Promise<{ review: PlanReview; findings: Finding[] }> {
    const review = await this.#writable(actor, reviewId)
    const findings = await this.#repo.listFindings(reviewId)
    await this.#auditRead(actor, reviewId)
    return { review: planReview(review), findings }
  }

  /** One finding to edit. Contract: as {@link forWriting}; NotFoundError for a finding of another review. */
  async finding(actor: Actor, reviewId: string, findingId: string): Promise<{ review: PlanReview; finding: Finding }> {
    const review = await this.#writable(actor, reviewId)
    const finding = await this.#repo.findFinding(reviewId, findingId)
    if (!finding) throw new NotFoundError('Finding not found')
    await this.#auditRead(actor, reviewId)
    return { review: planReview(review), finding }
  }

  /**
   * Adds a finding, numbered after the review's last one.
   * Contract: `report.write` in a readable review; ValidationError for a missing title or text or an unknown
   * theme; audited. Returns the new finding's id and number.
   */
  async addFinding(actor: Actor, reviewId: string, input: FindingInput): Promise<{ id: string; number: number }> {
    await this.#writable(actor, reviewId)
    const content = validateFinding(input)
    const added = await this.#repo.addFinding(reviewId, content, actor.userId, this.#deps.now())
    await this.#deps.audit.recordAction(actor, 'finding.add', { type: 'finding', id: added.id }, { reviewId })
    return added
  }

  /**
   * Saves a finding seen at `version`.
   * Contract: as {@link addFinding}; StaleEditError when someone saved it since (nothing is overwritten).
   */
  async updateFinding(
    actor: Actor,
    reviewId: string,
    findingId: string,
    version: number,
    input: FindingInput,
  ): Promise<void> {
    await this.#writable(actor, reviewId)
    if (!(await this.#repo.findFinding(reviewId, findingId))) throw new NotFoundError('Finding not found')
    const content = validateFinding(input)
    if (!(await this.#repo.updateFinding(findingId, version, content, this.#deps.now()))) throw new StaleEditError()
    await this.#deps.audit.recordAction(actor, 'finding.update', { type: 'finding', id: findingId }, { reviewId })
  }

  // Recommendations --------------------------------------------------------------------------------------

  /** One recommendation to edit, with the review's findings. Contract: as {@link forWriting}. */
  async recommendation(
    actor: Actor,
    reviewId: string,
    recommendationId: string,
  ): Promise<{ review: PlanReview; findings: Finding[]; recommendation: Recommendation }> {
    const { review, findings } = await this.forWriting(actor, reviewId)
    const recommendation = await this.#repo.findRecommendation(reviewId, recommendationId)
    if (!recommendation) throw new NotFoundError('Recommendation not found')
    return { review, findings, recommendation }
  }

  /**
   * Adds a recommendation, numbered after the review's last one, linked to the findings it answers.
   * Contract: `report.write` in a readable review; ValidationError for a missing part or a finding not of
   * this review; audited.
   */
  async addRecommendation(
    actor: Actor,
    reviewId: string,
    input: RecommendationInput,
  ): Promise<{ id: string; number: number }> {
    await this.#writable(actor, reviewId)
    const content = validateRecommendation(input, await this.#repo.listFindings(reviewId))
    const added = await this.#repo.addRecommendation(reviewId, content, actor.userId, this.#deps.now())
    await this.#deps.audit.recordAction(
      actor,
      'recommendation.add',
      { type: 'recommendation', id: added.id },
      { reviewId },
    )
    return added
  }

  /**
   * Saves a recommendation seen at `version` (and replaces its links to findings).
   * Contract: as {@link addRecommendation}; StaleEditError when someone saved it since.
   */
  async updateRecommendation(
    actor: Actor,
    reviewId: string,
    recommendationId: string,
    version: number,
    input: RecommendationInput,
  ): Promise<void> {
    await this.#writable(actor, reviewId)
    if (!(await this.#repo.findRecommendation(reviewId, recommendationId))) {
      throw new NotFoundError('Recommendation not found')
    }
    const content = validateRecommendation(input, await this.#repo.listFindings(reviewId))
    const saved = await this.#repo.updateRecommendation(recommendationId, version, content, this.#deps.now())
    if (!saved) throw new StaleEditError()
    await this.#deps.audit.recordAction(
      actor,
      'recommendation.update',
      { type: 'recommendation', id: recommendationId },
      { reviewId },
    )
  }

  // Actions ----------------------------------------------------------------------------------------------

  /**
   * The recommendation an action is being added to, with the partnership's agencies.
   * Contract: coordinators of the review's partnership (`review.manage`); audited as a read.
   */
  async forNewAction(
    actor: Actor,
    reviewId: string,
    recommendationId: string,
  ): Promise<{ review: PlanReview; recommendation: Recommendation & { sentence: string }; agencies: Agency[] }> {
    const review = await this.#deps.reviews.manageableReview(actor, reviewId)
    const recommendation = await this.#repo.findRecommendation(reviewId, recommendationId)
    if (!recommendation) throw new NotFoundError('Recommendation not found')
    await this.#auditRead(actor, reviewId)
    return {
      review: planReview(review),
      recommendation: { ...recommendation, sentence: recommendationSentence(recommendation) },
      agencies: await this.#deps.partnerships.listAgencies(review.partnershipId),
    }
  }

  /**
   * Adds an action to a recommendation: an owning agency of the partnership, a named person or role, a due
   * date; it starts "not started".
   * Contract: `review.manage`; ValidationError for a missing part or an agency of another partnership; audited.
   */
  async addAction(actor: Actor, reviewId: string, recommendationId: string, input: ActionInput): Promise<string> {
    const review = await this.#deps.reviews.manageableReview(actor, reviewId)
    const recommendation = await this.#repo.findRecommendation(reviewId, recommendationId)
    if (!recommendation) throw new NotFoundError('Recommendation not found')
    const agencies = await this.#deps.partnerships.listAgencies(review.partnershipId)
    const content = validateAction(input, agencies)
    const id = await this.#repo.addAction(recommendation, review.partnershipId, content, actor.userId, this.#deps.now())
    await this.#deps.audit.recordAction(
      actor,
      'action.add',
      { type: 'plan_action', id },
      { reviewId, recommendationId },
    )
    return id
  }

  /**
   * An action to change, with the partnership's agencies.
   * Contract: coordinators of the action's partnership (`review.manage`); NotFoundError otherwise; audited.
   */
  async forEditAction(actor: Actor, actionId: string): Promise<{ action: PlanAction; agencies: Agency[] }> {
    const action = await this.#manageableAction(actor, actionId)
    await this.#auditRead(actor, action.reviewId)
    return { action, agencies: await this.#deps.partnerships.listAgencies(action.partnershipId) }
  }

  /**
   * Changes an action's description, owning agency, owner and due date, if it is still at `version`. A new
   * due date also means a new overdue reminder when it passes (the reminder key holds the due date).
   * Contract: `review.manage`; ValidationError as {@link addAction}; StaleEditError when someone changed the
   * action since `version`; audited.
   */
  async updateAction(actor: Actor, actionId: string, version: number, input: ActionInput): Promise<void> {
    const action = await this.#manageableAction(actor, actionId)
    const agencies = await this.#deps.partnerships.listAgencies(action.partnershipId)
    const content = validateAction(input, agencies)
    if (!(await this.#repo.updateAction(actionId, version, content, this.#deps.now()))) throw new StaleEditError()
    await this.#deps.audit.recordAction(
      actor,
      'action.update',
      { type: 'plan_action', id: actionId },
      { reviewId: action.reviewId },
    )
  }

  /**
   * One action with its recommendation, progress notes and evidence.
   * Contract: `action.read`; agency contributors only for actions their agency owns, others only in reviews
   * they may read; NotFoundError otherwise (never revealing what exists). The read is audited.
   */
  async action(actor: Actor, actionId: string): Promise<ActionDetail> {
    const action = await this.#actionInScope(actor, actionId, 'action.read')
    const [recommendation, progress, evidence] = await Promise.all([
      this.#repo.findRecommendation(action.reviewId, action.recommendationId),
      this.#repo.progress(actionId),
      this.#repo.evidence(actionId),
    ])
    await this.#deps.audit.recordAction(
      actor,
      'action.read',
      { type: 'plan_action', id: actionId },
      { reviewId: action.reviewId },
    )
    return {
      action: withOverdue(action, this.today()),
      recommendation: { ...recommendation!, sentence: recommendationSentence(recommendation!) },
      progress,
      evidence,
      canUpdate: roleAllows(actor.role, 'action.update'),
      canClose: roleAllows(actor.role, 'review.manage'),
    }
  }

  /**
   * Adds a dated progress note, and sets the action's status. Closing needs `review.manage` (coordinators)
   * and at least one piece of evidence of impact; so does reopening a closed action.
   * Contract: `action.update` in scope (as {@link action}); ValidationError for an empty note, an unknown
   * status, or closing without evidence; StaleEditError when the status would change but someone changed the
   * action since `version`; AccessDeniedError when an agency contributor tries to close. Audited.
   */
  async addProgress(
    actor: Actor,
    actionId: string,
    version: number,
    input: { note: string; status: string },
  ): Promise<void> {
    const action = await this.#actionInScope(actor, actionId, 'action.update')
    const errors: FieldError[] = []
    const note = input.note.trim()
    if (!isActionStatus(input.status)) errors.push({ field: 'status', message: 'Select the status of the action' })
    if (!note) errors.push({ field: 'note', message: 'Enter a progress note' })
    else if (note.length > MAX_TEXT)
      errors.push({ field: 'note', message: 'The progress note must be 20,000 characters or fewer' })
    // Closing is the board's judgement that practice changed, and so is reopening a closed action.
    if (isActionStatus(input.status) && input.status !== action.status && action.status === 'closed') {
      await this.#deps.access.require(actor, 'review.manage', { subject: { type: 'plan_action', id: actionId } })
    }
    if (input.status === 'closed' && action.status !== 'closed') {
      await this.#deps.access.require(actor, 'review.manage', { subject: { type: 'plan_action', id: actionId } })
      if ((await this.#repo.evidenceCount(actionId)) === 0) {
        errors.push({ field: 'status', message: 'Add evidence of impact before you close the action' })
      }
    }
    if (errors.length) throw new ValidationError(errors)
    const status = input.status as ActionStatus
    // A note alone cannot overwrite anything (notes are only added): only a status change needs the version
    // the user saw.
    if (status !== action.status && version !== action.version) throw new StaleEditError()
    const saved = await this.#repo.addProgress(
      action,
      { text: note, status, authorUserId: actor.userId, authorName: actor.displayName },
      this.#deps.now(),
    )
    if (!saved) throw new StaleEditError()
    await this.#deps.audit.recordAction(
      actor,
      status === 'closed' && action.status !== 'closed' ? 'action.close' : 'action.progress',
      { type: 'plan_action', id: actionId },
      { reviewId: action.reviewId, from: action.status, to: status },
    )
  }

  /**
   * Adds evidence of impact: a description and, optionally, a file (PDF, DOCX, TXT, PNG or JPEG, checked by
   * its bytes, at most 10 MB).
   * Contract: `action.update` in scope; ValidationError for a missing description or a refused file; audited.
   */
  async addEvidence(
    actor: Actor,
    actionId: string,
    input: { description: string; file: { fileName: string; data: Uint8Array } | null },
  ): Promise<string> {
    const action = await this.#actionInScope(actor, actionId, 'action.update')
    const errors: FieldError[] = []
    const description = input.description.trim()
    if (!description) errors.push({ field: 'description', message: 'Describe the evidence of impact' })
    else if (description.length > MAX_TEXT)
      errors.push({ field: 'description', message: 'The description must be 20,000 characters or fewer' })
    let file: { fileName: string; contentType: string; data: Uint8Array } | null = null
    if (input.file) {
      const checked = checkEvidenceFile(input.file)
      if (checked.ok) file = { fileName: checked.fileName, contentType: checked.contentType, data: input.file.data }
      else errors.push({ field: 'evidenceFile', message: checked.message })
    }
    if (errors.length) throw new ValidationError(errors)
    const id = await this.#repo.addEvidence(
      actionId,
      { description, file, addedByUserId: actor.userId, addedByName: actor.displayName },
      this.#deps.now(),
    )
    await this.#deps.audit.recordAction(
      actor,
      'action.add_evidence',
      { type: 'plan_action', id: actionId },
      { reviewId: action.reviewId, file: file !== null },
    )
    return id
  }

  /**
   * An evidence file, for someone who may read the action. Contract: as {@link action}; NotFoundError for
   * evidence without a file or of another action. The read is audited.
   */
  async evidenceFile(
    actor: Actor,
    actionId: string,
    evidenceId: string,
  ): Promise<{ fileName: string; contentType: string; data: Uint8Array }> {
    const action = await this.#actionInScope(actor, actionId, 'action.read')
    const file = await this.#repo.evidenceFile(actionId, evidenceId)
    if (!file) throw new NotFoundError('File not found')
    await this.#deps.audit.recordAction(
      actor,
      'action.read_evidence',
      { type: 'plan_action_evidence', id: evidenceId },
      { reviewId: action.reviewId },
    )
    return file
  }

  // Dashboard --------------------------------------------------------------------------------------------

  /**
   * Every action the actor may see across the partnership's reviews, filtered, with counts by status and
   * agency. Coordinators and chairs see all; lead reviewers and panel members their reviews'; agency
   * contributors their agency's.
   * Contract: `action.read` in the actor's partnership; unknown filter values are ignored; audited.
   */
  async dashboard(actor: Actor, filter: DashboardFilter = {}): Promise<Dashboard> {
    await this.#deps.access.require(actor, 'action.read')
    const partnershipId = actor.partnershipId
    if (!partnershipId) throw new NotFoundError('No partnership')
    const today = this.today()
    const scope = await this.#dashboardScope(actor)
    const inScope = await this.#repo.listActions({ partnershipId, ...scope })
    const agencies = (await this.#deps.partnerships.listAgencies(partnershipId)).filter(
      (a) => !scope.agencyId || a.id === scope.agencyId,
    )
    const reviews = uniqueReviews(inScope)
    const applied = {
      status: isActionStatus(filter.status) ? filter.status : null,
      agencyId: agencies.some((a) => a.id === filter.agencyId) ? filter.agencyId! : null,
      reviewId: reviews.some((r) => r.id === filter.reviewId) ? filter.reviewId! : null,
      overdue: filter.overdue === true,
    }
    const actions = inScope
      .map((a) => withOverdue(a, today))
      .filter(
        (a) =>
          (!applied.status || a.status === applied.status) &&
          (!applied.agencyId || a.agencyId === applied.agencyId) &&
          (!applied.reviewId || a.reviewId === applied.reviewId) &&
          (!applied.overdue || a.overdue),
      )
    await this.#deps.audit.recordAction(actor, 'action.list', null, { count: actions.length })
    return { actions, ...countActions(actions), agencies, reviews, filter: applied, today }
  }

  /**
   * The dashboard's actions as CSV (every cell formula-escaped), with the same scope and filters; its
   * first line is the protective marking OFFICIAL-SENSITIVE.
   * Contract: as {@link dashboard}; the export is audited.
   */
  async dashboardCsv(actor: Actor, filter: DashboardFilter = {}): Promise<string> {
    const { actions } = await this.dashboard(actor, filter)
    await this.#deps.audit.recordAction(actor, 'action.export', null, { rows: actions.length })
    return toCsv(
      ACTIONS_CSV_HEADER,
      actions.map((a) => [
        a.reviewReference,
        a.reviewPseudonym ?? '',
        String(a.recommendationNumber),
        `${a.recommendationNumber}.${a.number}`,
        a.description,
        a.agencyName,
        a.owner,
        a.dueDate,
        ACTION_STATUS_NAMES[a.status],
        a.overdue ? 'Yes' : 'No',
      ]),
      // The action plan is case material (agencies' actions on a review), not a draft.
      { marking: OFFICIAL_SENSITIVE },
    )
  }

  // Reminders --------------------------------------------------------------------------------------------

  /**
   * A system sweep (no actor): queues a reminder email for each overdue action to each of the owning
   * agency's contributors and the partnership's coordinators, through the outbox. The dedupe key
   * `action.overdue:<actionId>:<dueDate>:<email>` makes running it again harmless; a new due date reminds again.
   * The email names the review by reference and pseudonym only.
   * Contract: resolves to the number of emails newly queued; actions with no one to tell are skipped.
   */
  async queueOverdueReminders(): Promise<number> {
    const today = this.today()
    const overdue = await this.#repo.overdueActions(today)
    const people = new Map<string, PartnershipUser[]>()
    let queued = 0
    for (const action of overdue) {
      if (!people.has(action.partnershipId)) {
        people.set(action.partnershipId, await this.#deps.users.listForPartnership(action.partnershipId))
      }
      const recipients = [
        ...new Set(
          people
            .get(action.partnershipId)!
            .filter((u) => !u.deactivatedAt)
            .filter(
              (u) =>
                // The review's managers, and the people working for the agency the action is assigned to.
                roleAllows(u.membership.role, 'review.manage') ||
                (roleAllows(u.membership.role, 'review.readAsAskedAgency') &&
                  u.membership.agencyId === action.agencyId),
            )
            .map((u) => u.email),
        ),
      ].sort()
      // One email per person: recipients never see each other's addresses, and each is queued once.
      for (const to of recipients) {
        const added = await this.#deps.outbox.queue({
          to,
          subject: `Overdue action ${action.recommendationNumber}.${action.number} – ${reviewName(action)}`,
          body: reminderBody(action),
          kind: 'action.overdue',
          partnershipId: action.partnershipId,
          reviewId: action.reviewId,
          dedupeKey: `action.overdue:${action.id}:${action.dueDate}:${to}`,
        })
        if (added) queued++
      }
    }
    return queued
  }

  // For publication --------------------------------------------------------------------------------------

  /**
   * The review's recommendations as a published report prints them, in number order: each as one paragraph
   * and the body it is addressed to.
   * Contract: anyone who may read the review (`review.read`, in scope); audited.
   */
  async forPublication(
    actor: Actor,
    reviewId: string,
  ): Promise<Array<{ number: number; text: string; addressedTo: string }>> {
    await this.#readable(actor, reviewId)
    const recommendations = await this.#repo.listRecommendations(reviewId)
    await this.#deps.audit.recordAction(actor, 'recommendation.read_for_publication', { type: 'review', id: reviewId })
    return recommendations.map((r) => ({
      number: r.number,
      text: recommendationSentence(r),
      addressedTo: r.addressedTo,
    }))
  }

  /**
   * The review's findings for publication, in number order: number, title and theme id (or null).
   * Contract: as {@link forPublication}.
   */
  async findingsForPublication(
    actor: Actor,
    reviewId: string,
  ): Promise<Array<{ number: number; title: string; theme: string | null }>> {
    await this.#readable(actor, reviewId)
    const findings = await this.#repo.listFindings(reviewId)
    await this.#deps.audit.recordAction(actor, 'finding.read_for_publication', { type: 'review', id: reviewId })
    return findings.map((f) => ({ number: f.number, title: f.title, theme: f.theme }))
  }

  // Scope ------------------------------------------------------------------------------------------------

  /** Findings and recommendations are case material: record who read a review's. */
  async #auditRead(actor: Actor, reviewId: string): Promise<void> {
    await this.#deps.audit.recordAction(actor, 'recommendation.read', { type: 'review', id: reviewId })
  }

  /**
   * A review the actor may read the findings of: `review.read` first, because the review service also lets
   * national viewers read submitted notifications, which do not include findings.
   */
  async #readable(actor: Actor, reviewId: string): Promise<Review> {
    return this.#deps.reviews.readableReview(actor, reviewId)
  }

  /** A review the actor may write findings and recommendations in: `report.write`, and may read it. */
  async #writable(actor: Actor, reviewId: string): Promise<Review> {
    await this.#deps.access.require(actor, 'report.write', { review: reviewId })
    return this.#deps.reviews.readableReview(actor, reviewId)
  }

  /** An action the actor may read or update; NotFoundError (refusal audited) outside their scope. */
  async #actionInScope(actor: Actor, actionId: string, permission: Permission): Promise<PlanAction> {
    // The policy: readers of the review, or (agency contributors) only actions assigned to their agency.
    await this.#deps.access.require(actor, permission, { action: actionId })
    return (await this.#repo.findAction(actionId))!
  }

  /** An action the actor may manage (coordinators of its review's partnership). */
  async #manageableAction(actor: Actor, actionId: string): Promise<PlanAction> {
    await this.#deps.access.require(actor, 'review.manage', { action: actionId })
    return (await this.#repo.findAction(actionId))!
  }

  /** Which actions of the partnership the actor may see on the dashboard. */
  async #dashboardScope(actor: Actor): Promise<{ agencyId?: string; reviewIds?: string[] }> {
    const scope = await this.#deps.access.reviewListScope(actor)
    switch (scope.kind) {
      case 'partnership':
        return {}
      case 'member':
        return { reviewIds: await this.#repo.memberReviewIds(actor.userId) }
      case 'reviews':
        // Agency contributors: every action assigned to their agency, asked or not.
        return { agencyId: actor.agencyId! }
      default:
        return { reviewIds: [] }
    }
  }
}

// Validation ---------------------------------------------------------------------------------------------

function validateFinding(input: FindingInput): { title: string; text: string; theme: Theme | null } {
  const errors: FieldError[] = []
  const title = input.title.trim()
  const text = input.text.trim()
  if (!title) errors.push({ field: 'title', message: 'Enter the title of the finding' })
  else if (title.length > MAX_TITLE)
    errors.push({ field: 'title', message: 'The title must be 300 characters or fewer' })
  if (!text) errors.push({ field: 'text', message: 'Enter the finding' })
  else if (text.length > MAX_TEXT)
    errors.push({ field: 'text', message: 'The finding must be 20,000 characters or fewer' })
  const theme = input.theme.trim()
  if (theme && !(THEMES as readonly string[]).includes(theme)) {
    errors.push({ field: 'theme', message: 'Select a theme from the list' })
  }
  if (errors.length) throw new ValidationError(errors)
  return { title, text, theme: theme ? (theme as Theme) : null }
}

function validateAction(input: ActionInput, agencies: Agency[]): ActionContent {
  const errors: FieldError[] = []
  const description = input.description.trim()
  const owner = input.owner.trim()
  if (!description) errors.push({ field: 'description', message: 'Enter the action' })
  else if (description.length > MAX_TEXT) {
    errors.push({ field: 'description', message: 'The action must be 20,000 characters or fewer' })
  }
  if (!agencies.some((a) => a.id === input.agencyId)) {
    errors.push({ field: 'agencyId', message: 'Select the agency that owns the action' })
  }
  if (!owner) errors.push({ field: 'owner', message: 'Enter the person or role who owns the action' })
  else if (owner.length > MAX_SHORT)
    errors.push({ field: 'owner', message: 'The owner must be 500 characters or fewer' })
  if (!input.dueDate) errors.push({ field: 'dueDate-day', message: 'Enter the due date' })
  if (errors.length) throw new ValidationError(errors)
  return { description, agencyId: input.agencyId, owner, dueDate: input.dueDate! }
}

function validateRecommendation(input: RecommendationInput, findings: Finding[]) {
  const errors: FieldError[] = []
  const required = (field: keyof Omit<RecommendationInput, 'findingIds'>, message: string) => {
    const value = input[field].trim()
    if (!value) errors.push({ field, message })
    else if (value.length > MAX_TEXT) errors.push({ field, message: 'Enter 20,000 characters or fewer' })
    return value
  }
  const addressedTo = required('addressedTo', 'Enter who the recommendation is addressed to')
  const action = required('action', 'Enter what should be done')
  const measureOfSuccess = required('measureOfSuccess', 'Enter how success will be measured')
  const timescale = required('timescale', 'Enter the timescale')
  if (addressedTo.length > MAX_SHORT) errors.push({ field: 'addressedTo', message: 'Enter 500 characters or fewer' })
  const known = new Set(findings.map((f) => f.id))
  if (input.findingIds.some((id) => !known.has(id))) {
    errors.push({ field: 'findingIds', message: 'Select findings of this review' })
  }
  if (errors.length) throw new ValidationError(errors)
  return { addressedTo, action, measureOfSuccess, timescale, findingIds: input.findingIds }
}

// Helpers ------------------------------------------------------------------------------------------------

function planReview(review: Review): PlanReview {
  return {
    id: review.id,
    partnershipId: review.partnershipId,
    reference: review.reference,
    pseudonym: review.pseudonym,
  }
}

function withOverdue(action: PlanAction, today: IsoDate): ActionItem {
  return { ...action, overdue: isOverdue(action, today) }
}

function uniqueReviews(actions: PlanAction[]): Dashboard['reviews'] {
  const byId = new Map<string, Dashboard['reviews'][number]>()
  for (const a of actions)
    byId.set(a.reviewId, { id: a.reviewId, reference: a.reviewReference, pseudonym: a.reviewPseudonym })
  return [...byId.values()].sort((a, b) => a.reference.localeCompare(b.reference))
}

function emptyCounts(): Record<ActionStatus, number> {
  return Object.fromEntries(ACTION_STATUSES.map((s) => [s, 0])) as Record<ActionStatus, number>
}

function countActions(actions: ActionItem[]): Pick<Dashboard, 'byAgency' | 'byStatus' | 'overdue'> {
  const byStatus = emptyCounts()
  const agencies = new Map<string, Dashboard['byAgency'][number]>()
  for (const a of actions) {
    byStatus[a.status]++
    let row = agencies.get(a.agencyName)
    if (!row) {
      row = { agency: a.agencyName, counts: emptyCounts(), overdue: 0, total: 0 }
      agencies.set(a.agencyName, row)
    }
    row.counts[a.status]++
    row.total++
    if (a.overdue) row.overdue++
  }
  return {
    byStatus,
    byAgency: [...agencies.values()].sort((a, b) => a.agency.localeCompare(b.agency)),
    overdue: actions.filter((a) => a.overdue).length,
  }
}

/** "MSCP-2026-001 (Child M)": how emails name a review (never a real name). */
function reviewName(action: PlanAction): string {
  return action.reviewPseudonym ? `${action.reviewReference} (${action.reviewPseudonym})` : action.reviewReference
}

function reminderBody(action: PlanAction): string {
  return [
    `Action ${action.recommendationNumber}.${action.number} of review ${reviewName(action)} is overdue.`,
    '',
    `Action: ${action.description}`,
    `Owned by: ${action.agencyName}`,
    `Due: ${formatLongDate(action.dueDate)}`,
    `Status: ${ACTION_STATUS_NAMES[action.status]}`,
    '',
    `Sign in to Case Review and open /actions/${action.id} to record progress or evidence of impact.`,
  ].join('\n')
}
