/**
 * The partnership's year in figures, for its annual report (issue 15, part 5;
 * docs/decisions/0041-impact-and-the-partnerships-year.md): reviews notified, decided, started and
 * published; actions by status; how far the learning reached; impact shown. Counts only, each suppressed
 * (1 to 4 shown as "fewer than 5"). Coordinators and chairs (`partnershipYear.read`) of the partnership.
 */
import type { AccessPolicy } from '../access/access.policy.ts'
import type { Actor } from '../access/actor.ts'
import type { AuditService } from '../audit/audit.service.ts'
import type { ImpactService } from '../impact/impact.service.ts'
import { ACTION_STATUS_NAMES, ACTION_STATUSES } from '../recommendations/action-plan.ts'
import type { RecommendationService } from '../recommendations/recommendation.service.ts'
import type { PartnershipYearRepository } from './partnership-year.repository.ts'
import { yearTables, type YearTables } from './partnership-year.ts'

export type { YearTables }

/** What the service is built from (composition.ts). */
export interface PartnershipYearDeps {
  readonly access: AccessPolicy
  readonly repository: PartnershipYearRepository
  readonly audit: AuditService
  readonly recommendations: Pick<RecommendationService, 'dashboard'>
  readonly impact: Pick<ImpactService, 'yearCounts'>
}

/** Use cases of the partnership's year. */
export class PartnershipYearService {
  readonly #deps: PartnershipYearDeps
  constructor(deps: PartnershipYearDeps) {
    this.#deps = deps
  }

  /**
   * The year's tables for the actor's partnership. Actions are counted by their status today (an action
   * has no status history by year). Contract: `partnershipYear.read` (AccessDeniedError without it);
   * audited.
   */
  async year(actor: Actor, year: number): Promise<YearTables> {
    await this.#deps.access.require(actor, 'partnershipYear.read', { partnership: actor.partnershipId ?? '' })
    const partnershipId = actor.partnershipId ?? ''
    const counts = await this.#deps.repository.counts(partnershipId, year)
    const impact = await this.#deps.impact.yearCounts(actor, partnershipId, year)
    const dashboard = await this.#deps.recommendations.dashboard(actor)
    const actions = ACTION_STATUSES.map((s) => ({ label: ACTION_STATUS_NAMES[s], count: dashboard.byStatus[s] }))
    await this.#deps.audit.recordAction(
      actor,
      'partnership_year.read',
      { type: 'partnership', id: partnershipId },
      { year },
    )
    return yearTables(year, { ...counts, ...impact }, actions)
  }
}

/** Builds the service (composition.ts). */
export function createPartnershipYearService(deps: PartnershipYearDeps): PartnershipYearService {
  return new PartnershipYearService(deps)
}
