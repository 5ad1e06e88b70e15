/**
 * Dissemination of a review's learning (issue 15, part 3; docs/decisions/0039-other-children-at-risk.md).
 *
 * Who does what:
 * - coordinators (`dissemination.manage`) ask agencies of the partnership to share the learning by a date;
 * - each agency's contributors (`dissemination.record`, their own agency only) record how it was shared,
 *   when, and how many practitioners it reached; coordinators may record for any agency asked;
 * - everyone with `dissemination.read` sees the review's table (agency contributors: their own row);
 * - agencies with nothing recorded after the due date are reminded by email through the outbox, once per
 *   person and request (the dedupe key has no date in it).
 * Every read and change is audited.
 */
import type { AccessPolicy } from '../access/access.policy.ts'
import type { UserDirectory } from '../users/user.ts'
import type { OutboxService } from '../outbox/outbox.service.ts'
import type { Actor } from '../access/actor.ts'
import { roleAllows, roleWorksForAnAgency } from '../access/permissions.ts'
import type { AuditService } from '../audit/audit.service.ts'
import { formatLongDate, todayInEngland, type IsoDate } from '../clocks/plain-date.ts'
import { ValidationError, type FieldError } from '../errors.ts'
import type { Agency, PartnershipDirectory } from '../partnerships/partnership.ts'
import type { DisseminationRepository, UnrecordedRequest } from './dissemination.repository.ts'
import { checkRecord, disseminationRows, type AgencyDissemination, type RecordInput } from './dissemination.ts'

export type { AgencyDissemination, RecordInput }

/** What the service is built from (composition.ts). */
export interface DisseminationDeps {
  readonly access: AccessPolicy
  readonly repository: DisseminationRepository
  readonly audit: AuditService
  readonly partnerships: PartnershipDirectory
  readonly users: UserDirectory
  readonly outbox: OutboxService
  readonly now: () => Date
}

/** A review's dissemination table, as its page shows it. */
export interface ReviewDissemination {
  readonly review: { id: string; reference: string; pseudonym: string | null }
  readonly rows: AgencyDissemination[]
  /** Practitioners reached, over the rows shown. */
  readonly practitioners: number
  readonly today: IsoDate
  /** Agencies of the partnership not yet asked (for coordinators), else []. */
  readonly notAsked: Agency[]
  /** May ask agencies. */
  readonly canAsk: boolean
  /** May record (for the agencies shown). */
  readonly canRecord: boolean
  /** The agency the actor records for, when confined to one. */
  readonly ownAgencyId: string | null
}

/** The reminder emails' subject prefix and kind. */
const REMINDER_KIND = 'dissemination.reminder'

/** Use cases of dissemination. */
export class DisseminationService {
  readonly #deps: DisseminationDeps
  constructor(deps: DisseminationDeps) {
    this.#deps = deps
  }

  /**
   * The review's table: one row per agency asked (agency contributors: their own agency's only), overdue
   * first. Contract: `dissemination.read` within the actor's reach (NotFoundError outside it); audited.
   */
  async overview(actor: Actor, reviewId: string): Promise<ReviewDissemination> {
    const granted = await this.#deps.access.require(actor, 'dissemination.read', { review: reviewId })
    const review = (await this.#deps.repository.reviewTitle(reviewId))!
    const today = this.#today()
    const rows = disseminationRows(await this.#deps.repository.requests(reviewId, granted.confinedToAgency), today)
    const canAsk = this.#deps.access.can(actor, 'dissemination.manage')
    const agencies = canAsk ? await this.#deps.partnerships.listAgencies(granted.review!.partnershipId) : []
    const asked = new Set(rows.map((r) => r.agencyId))
    await this.#deps.audit.recordAction(
      actor,
      'dissemination.read',
      { type: 'review', id: reviewId },
      { agencies: rows.length },
    )
    return {
      review: { id: review.id, reference: review.reference, pseudonym: review.pseudonym },
      rows,
      practitioners: rows.reduce((sum, r) => sum + r.practitioners, 0),
      today,
      notAsked: agencies.filter((a) => !asked.has(a.id)),
      canAsk,
      canRecord: this.#deps.access.can(actor, 'dissemination.record'),
      ownAgencyId: granted.confinedToAgency,
    }
  }

  /**
   * Asks agencies of the review's partnership to share the learning by `dueDate` (agencies already asked
   * keep their request). Contract: `dissemination.manage` in the review; ValidationError when no agency is
   * chosen, one is of another partnership, or there is no due date; audited. Returns how many were asked.
   */
  async ask(actor: Actor, reviewId: string, input: { agencyIds: string[]; dueDate: IsoDate | null }): Promise<number> {
    const granted = await this.#deps.access.require(actor, 'dissemination.manage', { review: reviewId })
    const partnershipId = granted.review!.partnershipId
    const agencies = new Set((await this.#deps.partnerships.listAgencies(partnershipId)).map((a) => a.id))
    const errors: FieldError[] = []
    if (!input.agencyIds.length) errors.push({ field: 'agencyIds', message: 'Select at least one agency' })
    else if (input.agencyIds.some((id) => !agencies.has(id)))
      errors.push({ field: 'agencyIds', message: 'Select agencies of this partnership' })
    if (!input.dueDate) errors.push({ field: 'dueDate-day', message: 'Enter the date to share the learning by' })
    if (errors.length) throw new ValidationError(errors)
    const asked = await this.#deps.repository.ask(
      { id: reviewId, partnershipId },
      input.agencyIds,
      input.dueDate!,
      actor.userId,
      this.#deps.now(),
    )
    await this.#deps.audit.recordAction(
      actor,
      'dissemination.ask',
      { type: 'review', id: reviewId },
      { agencies: asked, dueDate: input.dueDate },
    )
    return asked
  }

  /**
   * Records how an agency shared the learning. Agency contributors record for their own agency (whatever
   * the form says); others for the agency chosen, which must have been asked in this review.
   * Contract: `dissemination.record` within reach; ValidationError with every problem at once; audited.
   */
  async record(actor: Actor, reviewId: string, input: RecordInput): Promise<string> {
    const granted = await this.#deps.access.require(actor, 'dissemination.record', { review: reviewId })
    const agencyId = granted.confinedToAgency ?? input.agencyId.trim()
    const requests = await this.#deps.repository.requests(reviewId, granted.confinedToAgency)
    const request = requests.find((r) => r.agencyId === agencyId)
    const { errors, record } = checkRecord(input, this.#today())
    if (!request) {
      errors.unshift({
        field: 'agencyId',
        message: granted.confinedToAgency
          ? 'Your agency has not been asked to share the learning of this review'
          : 'Select an agency that was asked to share the learning',
      })
    }
    if (errors.length) throw new ValidationError(errors)
    const id = await this.#deps.repository.addRecord(
      request!.id,
      record,
      { userId: actor.userId, name: actor.displayName },
      this.#deps.now(),
    )
    await this.#deps.audit.recordAction(
      actor,
      'dissemination.record',
      { type: 'dissemination_record', id },
      { reviewId, agencyId, method: record.method, practitioners: record.practitioners },
    )
    return id
  }

  /**
   * Queues one reminder per person of each agency whose due date has passed with nothing recorded: the
   * agency's active contributors who may record. Each person is reminded about a request once, ever (the
   * dedupe key is the request and the address). For the reminder sweep: no actor, no access check.
   * Returns how many emails were queued.
   */
  async queueReminders(): Promise<number> {
    const due = await this.#deps.repository.unrecordedBefore(this.#today())
    const people = new Map<string, Awaited<ReturnType<UserDirectory['listForPartnership']>>>()
    let queued = 0
    for (const request of due) {
      if (!people.has(request.partnershipId)) {
        people.set(request.partnershipId, await this.#deps.users.listForPartnership(request.partnershipId))
      }
      const recipients = [
        ...new Set(
          people
            .get(request.partnershipId)!
            .filter((u) => !u.deactivatedAt)
            .filter(
              (u) =>
                roleWorksForAnAgency(u.membership.role) &&
                roleAllows(u.membership.role, 'dissemination.record') &&
                u.membership.agencyId === request.agencyId,
            )
            .map((u) => u.email),
        ),
      ].sort()
      for (const to of recipients) {
        const added = await this.#deps.outbox.queue({
          to,
          subject: `Record how your agency shared the learning – ${reviewName(request)}`,
          body: reminderBody(request),
          kind: REMINDER_KIND,
          partnershipId: request.partnershipId,
          reviewId: request.reviewId,
          dedupeKey: `${REMINDER_KIND}:${request.id}:${to}`,
        })
        if (added) queued++
      }
    }
    return queued
  }

  #today(): IsoDate {
    return todayInEngland(this.#deps.now())
  }
}

function reviewName(request: UnrecordedRequest): string {
  return `${request.reviewReference}${request.reviewPseudonym ? ` ${request.reviewPseudonym}` : ''}`
}

/** The reminder: the review's reference and pseudonym, never case detail. */
function reminderBody(request: UnrecordedRequest): string {
  return [
    `${request.agencyName} was asked to share the learning of review ${reviewName(request)} with its practitioners by ${formatLongDate(request.dueDate)}.`,
    '',
    'Nothing has been recorded yet. Record how the learning was shared (team meeting, training or bulletin), when, and how many practitioners it reached:',
    `/reviews/${request.reviewId}/dissemination`,
  ].join('\n')
}

/** Builds the service (composition.ts). */
export function createDisseminationService(deps: DisseminationDeps): DisseminationService {
  return new DisseminationService(deps)
}
