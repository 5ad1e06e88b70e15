/**
 * Other children at risk (issue 15, part 1; docs/decisions/0039-other-children-at-risk.md).
 *
 * Who does what:
 * - `childAtRisk.manage` holders (coordinators) record each child, change the record and confirm the
 *   safety action, in reviews of their partnership, from the (draft) notification on;
 * - `childAtRisk.read` holders (chairs, lead reviewers and panel members of the review) read them;
 * - names are shown only with `review.revealOriginal` (everyone else sees "Other child 2 (sibling)"), and
 *   every view that shows names is audited as a reveal; every read and change is audited, and no audit
 *   detail holds a name.
 * Each child is also added to the review's people (the anonymiser's cast), so a report naming them is
 * anonymised like any other person in the case; nothing of this slice is ever published.
 */
import type { AccessPolicy } from '../access/access.policy.ts'
import type { Actor } from '../access/actor.ts'
import type { AuditService } from '../audit/audit.service.ts'
import type { CaseKnowledgeService } from '../case-knowledge/case-knowledge.service.ts'
import { todayInEngland, type IsoDate } from '../clocks/plain-date.ts'
import { NotFoundError, StaleEditError, ValidationError } from '../errors.ts'
import type { Agency, PartnershipDirectory } from '../partnerships/partnership.ts'
import type { ReviewService } from '../reviews/review.service.ts'
import type { ChildAtRiskRepository, ChildListScope, OpenChildAtRisk } from './child-at-risk.repository.ts'
import {
  actionState,
  checkChild,
  checkConfirmation,
  childLabel,
  maskChildNames,
  RELATIONSHIP_NAMES,
  type ChildAtRisk,
  type ChildAtRiskContent,
  type ConfirmationInput,
  type Relationship,
} from './child-at-risk.ts'

export type { ChildAtRisk, ChildAtRiskContent, ConfirmationInput, OpenChildAtRisk }

/** What the service is built from (composition.ts). */
export interface ChildAtRiskDeps {
  readonly access: AccessPolicy
  readonly repository: ChildAtRiskRepository
  readonly audit: AuditService
  /** The partnership's agencies (the one who is responsible for a safety action is one of them). */
  readonly partnerships: PartnershipDirectory
  readonly reviews: ReviewService
  readonly caseKnowledge: CaseKnowledgeService
  readonly now: () => Date
}

/** The review a page is about: enough to title it, never case detail. */
export interface ChildReview {
  readonly id: string
  readonly reference: string
  readonly pseudonym: string | null
}

/** A child as the actor may see it: the name only when revealed, the label always, and today's state. */
export interface ChildView extends ChildAtRisk {
  readonly label: string
  /** False when `name` is the label (the actor may not see real names). */
  readonly nameShown: boolean
  readonly status: 'confirmed' | 'overdue' | 'open'
  readonly daysOverdue: number
}

/** A review's other children at risk, as its page shows them. */
export interface ChildrenOfReview {
  readonly review: ChildReview
  readonly children: ChildView[]
  readonly today: IsoDate
  /** May add, change and confirm. */
  readonly canManage: boolean
}

/** An open safety action for Home and the review page, with its label and state (never a name). */
export interface OpenAction extends OpenChildAtRisk {
  readonly label: string
  readonly overdue: boolean
  readonly daysOverdue: number
}

/** Use cases of other children at risk. */
export class ChildAtRiskService {
  readonly #deps: ChildAtRiskDeps
  constructor(deps: ChildAtRiskDeps) {
    this.#deps = deps
  }

  /**
   * A review's other children at risk with the state of each safety action today, overdue first then by
   * number. Contract: `childAtRisk.read` in a review the actor may read (NotFoundError outside their
   * reach); names only with `review.revealOriginal` (audited as a reveal); the read is audited.
   */
  async list(actor: Actor, reviewId: string): Promise<ChildrenOfReview> {
    await this.#deps.access.require(actor, 'childAtRisk.read', { review: reviewId })
    const review = await this.#deps.reviews.readableReview(actor, reviewId)
    const stored = await this.#deps.repository.list(reviewId)
    const today = this.#today()
    const reveal = this.#deps.access.can(actor, 'review.revealOriginal')
    const children = stored.map((c) => view(c, today, reveal, stored))
    await this.#deps.audit.recordAction(
      actor,
      'child_at_risk.read',
      { type: 'review', id: reviewId },
      { children: children.length },
    )
    if (reveal && children.length) await this.#recordReveal(actor, reviewId, 'other children at risk', children.length)
    return {
      review: childReview(review),
      children: children.sort((a, b) => order(a) - order(b) || a.number - b.number),
      today,
      canManage: this.#deps.access.can(actor, 'childAtRisk.manage'),
    }
  }

  /**
   * The review's open safety actions (labels, agency, due date; no names), soonest due first, for the
   * review page's task list. Contract: `childAtRisk.read` in the review; audited as a read.
   */
  async openActionsOfReview(actor: Actor, reviewId: string): Promise<{ open: OpenAction[]; total: number }> {
    await this.#deps.access.require(actor, 'childAtRisk.read', { review: reviewId })
    const review = await this.#deps.reviews.readableReview(actor, reviewId)
    const today = this.#today()
    const stored = await this.#deps.repository.list(reviewId)
    const open = stored
      .filter((c) => c.confirmation === null)
      .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.number - b.number)
      .map((c) =>
        openAction(
          {
            id: c.id,
            reviewId,
            reviewReference: review.reference,
            reviewPseudonym: review.pseudonym,
            number: c.number,
            relationship: c.relationship,
            agencyName: c.agencyName,
            responsiblePerson: c.responsiblePerson,
            dueDate: c.dueDate,
          },
          today,
        ),
      )
    await this.#deps.audit.recordAction(
      actor,
      'child_at_risk.read',
      { type: 'review', id: reviewId },
      { children: stored.length, view: 'review task list' },
    )
    return { open, total: stored.length }
  }

  /**
   * Every safety action not yet confirmed in the reviews the actor may reach (labels only), for Home.
   * Contract: `childAtRisk.manage` (the people who chase them); the reach rules of the access policy;
   * audited as a read when there are any.
   */
  async openActions(actor: Actor): Promise<OpenAction[]> {
    await this.#deps.access.require(actor, 'childAtRisk.manage')
    const scope = await this.#deps.access.reviewListScope(actor)
    const rows = await this.#deps.repository.openActions(
      scope.kind === 'national' ? ({ kind: 'none' } satisfies ChildListScope) : scope,
    )
    const today = this.#today()
    if (rows.length) {
      await this.#deps.audit.recordAction(
        actor,
        'child_at_risk.read',
        { type: 'partnership', id: actor.partnershipId },
        { open: rows.length, view: 'home' },
      )
    }
    return rows.map((r) => openAction(r, today))
  }

  /**
   * The review and the partnership's agencies, for the add form. Contract: `childAtRisk.manage` in a
   * review the actor may manage; NotFoundError outside their partnership.
   */
  async forNew(actor: Actor, reviewId: string): Promise<{ review: ChildReview; agencies: Agency[] }> {
    await this.#deps.access.require(actor, 'childAtRisk.manage', { review: reviewId })
    const review = await this.#deps.reviews.manageableReview(actor, reviewId)
    return { review: childReview(review), agencies: await this.#deps.partnerships.listAgencies(review.partnershipId) }
  }

  /**
   * One child to change or confirm, with the partnership's agencies. Contract: as {@link forNew};
   * NotFoundError for a child of another review; the name only with `review.revealOriginal` (a reveal,
   * audited); the read is audited.
   */
  async forChange(
    actor: Actor,
    reviewId: string,
    childId: string,
  ): Promise<{ review: ChildReview; child: ChildView; agencies: Agency[] }> {
    await this.#deps.access.require(actor, 'childAtRisk.manage', { review: reviewId })
    const review = await this.#deps.reviews.manageableReview(actor, reviewId)
    const stored = await this.#deps.repository.find(reviewId, childId)
    if (!stored) throw new NotFoundError('Child not found')
    const reveal = this.#deps.access.can(actor, 'review.revealOriginal')
    // Without the reveal permission the texts are masked with every child of the review's names.
    const all = reveal ? [stored] : await this.#deps.repository.list(reviewId)
    await this.#deps.audit.recordAction(
      actor,
      'child_at_risk.read',
      { type: 'child_at_risk', id: childId },
      { reviewId },
    )
    if (reveal) await this.#recordReveal(actor, reviewId, 'other child at risk', 1)
    return {
      review: childReview(review),
      child: view(stored, this.#today(), reveal, all),
      agencies: await this.#deps.partnerships.listAgencies(review.partnershipId),
    }
  }

  /**
   * Records another child at risk, numbered after the review's last, and adds them to the review's people
   * (the anonymiser's cast) unless a person of that name is already there.
   * Contract: `childAtRisk.manage` in a manageable review; ValidationError with every problem at once (GOV.UK
   * messages); audited without the name. Returns the new child's id and number.
   */
  async add(actor: Actor, reviewId: string, input: ChildAtRiskContent): Promise<{ id: string; number: number }> {
    await this.#deps.access.require(actor, 'childAtRisk.manage', { review: reviewId })
    const review = await this.#deps.reviews.manageableReview(actor, reviewId)
    const agencies = await this.#deps.partnerships.listAgencies(review.partnershipId)
    const { errors, content } = checkChild(
      input,
      agencies.map((a) => a.id),
    )
    if (errors.length) throw new ValidationError(errors)
    const added = await this.#deps.repository.add(review, content, actor.userId, this.#deps.now())
    await this.#deps.audit.recordAction(
      actor,
      'child_at_risk.add',
      { type: 'child_at_risk', id: added.id },
      { reviewId, number: added.number, relationship: content.relationship, dueDate: content.dueDate },
    )
    await this.#addToCast(actor, reviewId, content.name, content.relationship)
    return added
  }

  /**
   * Saves a child's details seen at `version`. Without `review.revealOriginal` the form has no name field:
   * an empty name keeps the stored one. A new name is added to the review's people too.
   * Contract: as {@link add}; NotFoundError for a child of another review; StaleEditError when someone
   * saved it since (nothing is overwritten); audited without the name.
   */
  async update(
    actor: Actor,
    reviewId: string,
    childId: string,
    version: number,
    input: ChildAtRiskContent,
  ): Promise<void> {
    await this.#deps.access.require(actor, 'childAtRisk.manage', { review: reviewId })
    const review = await this.#deps.reviews.manageableReview(actor, reviewId)
    const stored = await this.#deps.repository.find(reviewId, childId)
    if (!stored) throw new NotFoundError('Child not found')
    const reveal = this.#deps.access.can(actor, 'review.revealOriginal')
    const typed = reveal || input.name.trim() ? input : { ...input, name: stored.name }
    const agencies = await this.#deps.partnerships.listAgencies(review.partnershipId)
    const { errors, content } = checkChild(
      typed,
      agencies.map((a) => a.id),
    )
    if (errors.length) throw new ValidationError(errors)
    if (!(await this.#deps.repository.update(childId, version, content, this.#deps.now()))) throw new StaleEditError()
    await this.#deps.audit.recordAction(
      actor,
      'child_at_risk.update',
      { type: 'child_at_risk', id: childId },
      { reviewId, nameChanged: content.name !== stored.name },
    )
    if (content.name !== stored.name) await this.#addToCast(actor, reviewId, content.name, content.relationship)
  }

  /**
   * Records that the safety action was done: the date (today or earlier), who confirmed it and a note. A
   * confirmed child can be confirmed again to correct it (the audit log keeps each).
   * Contract: `childAtRisk.manage`; ValidationError with GOV.UK messages; StaleEditError when someone changed
   * the child since `version`; NotFoundError for a child of another review; audited.
   */
  async confirm(
    actor: Actor,
    reviewId: string,
    childId: string,
    version: number,
    input: ConfirmationInput,
  ): Promise<void> {
    await this.#deps.access.require(actor, 'childAtRisk.manage', { review: reviewId })
    await this.#deps.reviews.manageableReview(actor, reviewId)
    const stored = await this.#deps.repository.find(reviewId, childId)
    if (!stored) throw new NotFoundError('Child not found')
    const { errors, confirmation } = checkConfirmation(input, this.#today())
    if (errors.length) throw new ValidationError(errors)
    const saved = await this.#deps.repository.confirm(childId, version, confirmation, actor.userId, this.#deps.now())
    if (!saved) throw new StaleEditError()
    await this.#deps.audit.recordAction(
      actor,
      'child_at_risk.confirm',
      { type: 'child_at_risk', id: childId },
      { reviewId, confirmedOn: confirmation.confirmedOn, correction: stored.confirmation !== null },
    )
  }

  #today(): IsoDate {
    return todayInEngland(this.#deps.now())
  }

  async #recordReveal(actor: Actor, reviewId: string, where: string, children: number): Promise<void> {
    await this.#deps.audit.recordAction(
      actor,
      'review.reveal_original',
      { type: 'review', id: reviewId },
      { children, view: where },
    )
  }

  /**
   * The child becomes one of the review's people, so the anonymiser replaces their name in every document
   * of the review. Done as the actor, through the people service and its own checks. Whether the name is
   * already there is known only to people who may see names; without that the person is added anyway (a
   * second entry of one name masks the same words).
   */
  async #addToCast(actor: Actor, reviewId: string, name: string, relationship: Relationship): Promise<void> {
    const reveal = this.#deps.access.can(actor, 'review.revealOriginal')
    if (reveal) {
      const { people } = await this.#deps.caseKnowledge.overview(actor, reviewId, { reveal: true })
      const known = (p: (typeof people)[number]) =>
        [p.original?.full_name, ...(p.original?.other_names ?? [])].some(
          (n) => n?.trim().toLowerCase() === name.trim().toLowerCase(),
        )
      if (people.some(known)) return
    }
    await this.#deps.caseKnowledge.addPerson(actor, reviewId, { role: CAST_ROLE[relationship], full_name: name })
  }
}

/** The role a child gets among the review's people (the pseudonym is chosen from it). */
const CAST_ROLE: Readonly<Record<Relationship, string>> = {
  sibling: 'sibling',
  household: 'child in the household',
  contact: 'contact child',
}

/** Overdue first, then open, then confirmed. */
function order(child: ChildView): number {
  return child.status === 'overdue' ? 0 : child.status === 'open' ? 1 : 2
}

/** A child as the actor sees it: without the reveal permission, the name is the label and texts are masked. */
function view(child: ChildAtRisk, today: IsoDate, reveal: boolean, all: readonly ChildAtRisk[]): ChildView {
  const label = childLabel(child)
  const state = { ...actionState(child, today), label, nameShown: reveal }
  if (reveal) return { ...child, ...state }
  const mask = (text: string) => maskChildNames(text, all)
  return {
    ...child,
    ...state,
    name: label,
    relationshipDetail: mask(child.relationshipDetail),
    concern: mask(child.concern),
    safetyAction: mask(child.safetyAction),
    confirmation: child.confirmation ? { ...child.confirmation, note: mask(child.confirmation.note) } : null,
  }
}

function openAction(row: OpenChildAtRisk, today: IsoDate): OpenAction {
  const { daysOverdue } = actionState({ dueDate: row.dueDate, confirmation: null }, today)
  return { ...row, label: childLabel(row), overdue: daysOverdue > 0, daysOverdue }
}

function childReview(review: { id: string; reference: string; pseudonym: string | null }): ChildReview {
  return { id: review.id, reference: review.reference, pseudonym: review.pseudonym }
}

export { RELATIONSHIP_NAMES }

/** Builds the service (composition.ts). */
export function createChildAtRiskService(deps: ChildAtRiskDeps): ChildAtRiskService {
  return new ChildAtRiskService(deps)
}
