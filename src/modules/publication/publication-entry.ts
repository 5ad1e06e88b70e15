import type { Actor } from '../access/actor.ts'
import type { CaseKnowledgeService } from '../case-knowledge/case-knowledge.service.ts'
import { todayInEngland } from '../clocks/plain-date.ts'
import type { FieldError } from '../errors.ts'
import type { PartnershipDirectory } from '../partnerships/partnership.ts'
import type { PublishInput } from '../published-reviews/published-review.service.ts'
import { THEMES, type Theme } from '../published-reviews/published-review.ts'
import type { Review } from '../reviews/review.ts'
import { AGENCY_FACETS, ageBandAt, areaName, ethnicGroupFacet, sexFacet } from './publication.ts'
import type { PublicationRecord } from './publication.repository.ts'
import { publicationReadiness, type Readiness } from './publication-readiness.ts'
import type { EntryPreview, ReportsForPublication } from './publication-view.ts'

/** What the entry is worked out from. */
export interface PublicationEntriesDeps {
  readonly partnerships: PartnershipDirectory
  /** The review's leak gate. */
  readonly caseKnowledge: Pick<CaseKnowledgeService, 'anonymise'>
  readonly reports: ReportsForPublication
  readonly now: () => Date
}

/**
 * The national repository entry a review would make, the readiness check over it, and the leak gate
 * over the texts typed for it. A part of the publication service (constructed in
 * `src/composition.ts`): its callers have made the access check, so it makes none itself.
 */
export class PublicationEntries {
  readonly #deps: PublicationEntriesDeps
  constructor(deps: PublicationEntriesDeps) {
    this.#deps = deps
  }

  /**
   * Each text the review's leak gate flags, as a form error that says what kind of detail it found
   * (never the words themselves, which may be an original name).
   */
  async leakProblems(
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
  async readiness(
    actor: Actor,
    review: Review,
    record: PublicationRecord,
    entry: EntryPreview,
    recommendations: readonly string[],
  ): Promise<Readiness> {
    const documents = await this.#deps.reports.readinessMaterial(actor, review.id)
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
    const extra = pseudonym.map((message) => ({
      severity: 'blocker' as const,
      where: 'Title',
      quote: null,
      part: 'details' as const,
      document: null,
      kind: 'missing' as const,
      message,
    }))
    return { ...readiness, findings: [...extra, ...readiness.findings], blockers: [...extra, ...readiness.blockers] }
  }

  /** The repository entry the review would make now, or why it cannot be made. */
  async preview(review: Review, record: PublicationRecord, findingThemes: Theme[]): Promise<EntryPreview> {
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
    const today = todayInEngland(this.#deps.now())
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
export function publishedRecommendations(recommendations: ReadonlyArray<{ number: number; text: string }>): string[] {
  return [...recommendations].sort((a, b) => a.number - b.number).map((r) => r.text.trim())
}

/** The values that are themes the national repository knows, in order. */
export function themesOf(values: ReadonlyArray<string | null>): Theme[] {
  return values.filter((v): v is Theme => v !== null && (THEMES as readonly string[]).includes(v))
}

function reviewTypeOf(review: Review): PublishInput['reviewType'] {
  if (review.decision?.outcome === 'national_review_referral') return 'national_review'
  if (review.decision?.outcome === 'other_learning_review') return 'other'
  return 'lcspr'
}
