/**
 * The integrated chronology: every submitted entry the actor may see, earliest first, filtered, with gaps
 * and the links proposed between agencies' reports of the same event (cached per review and scope while
 * the submitted entries are unchanged), and reviewers' decisions on those links.
 *
 * Scope is decided by the access policy: readers within reach of the review read the whole chronology; an
 * agency contributor reads their own agency's entries, or every agency's once the coordinator shares it.
 * Every read is audited (`chronology.read`); real names only with `review.revealOriginal`, audited as a reveal.
 */
import type { AccessPolicy } from '../access/access.policy.ts'
import type { Actor } from '../access/actor.ts'
import type { AuditService } from '../audit/audit.service.ts'
import type { IsoDate } from '../clocks/plain-date.ts'
import { ValidationError } from '../errors.ts'
import type { ChronologyEntry } from './chronology.ts'
import type { CasePersonLabel, ChronologyCast } from './chronology-cast.ts'
import type { ChronologyEntryRepository, EntryFilter } from './chronology-entry.repository.ts'
import type { ChronologyEpisodeRepository } from './chronology-episode.repository.ts'
import type { ChronologyLinkRepository, LinkDecision } from './chronology-link.repository.ts'
import type { ChronologyScope, ChronologyScopes } from './chronology-scope.ts'
import type { ChronologySharingRepository } from './chronology-sharing.repository.ts'
import {
  findGaps,
  linkKey,
  proposeLinks,
  type Gap,
  type IntegrationEntry,
  type LinkProposal,
} from './integrated-chronology.ts'
import { orderedEpisodes, type KeyPracticeEpisode } from './key-practice-episode.ts'

/** Filters of the integrated chronology. */
export interface IntegratedFilter {
  agencyId?: string
  /** ISO dates. */
  from?: IsoDate
  to?: IsoDate
  significance?: string
  /** Show gaps longer than this many days (default 28). */
  gapDays?: number
  /** Only entries linked to this person in the case (`case_person.id`). */
  personId?: string
  /** Only entries of this key practice episode. */
  episodeId?: string
}

/** A proposed link with the reviewer's decision, if any. */
export interface PresentedLink extends LinkProposal {
  status: 'proposed' | 'confirmed' | 'split'
}

/** The integrated chronology as a page or an export needs it. */
export interface IntegratedChronology {
  scope: ChronologyScope
  /** An agency contributor sees every agency's submitted entries (the coordinator shared them). */
  shared: boolean
  entries: ChronologyEntry[]
  /** The review's people in the case, as the actor may see them (for the person filter). */
  people: CasePersonLabel[]
  /** Entry id → the people linked to it. */
  entryPeople: Map<string, CasePersonLabel[]>
  /** The review's key practice episodes (empty for agency contributors: they are the reviewers' analysis). */
  episodes: KeyPracticeEpisode[]
  gaps: Gap[]
  links: PresentedLink[]
  /** Agency id → the partnership's name for it. */
  agencyNames: Map<string, string>
}

/** Chronologies (review and scope) kept in memory with their link proposals. */
const CACHED_CHRONOLOGIES = 20

/** Use cases of the integrated chronology and its links. */
export class IntegratedChronologyService {
  readonly #access: AccessPolicy
  readonly #entries: ChronologyEntryRepository
  readonly #links: ChronologyLinkRepository
  readonly #episodes: ChronologyEpisodeRepository
  readonly #sharing: ChronologySharingRepository
  readonly #cast: ChronologyCast
  readonly #scopes: ChronologyScopes
  readonly #audit: AuditService
  readonly #now: () => Date
  readonly #cache = new Map<
    string,
    { version: string; all: ChronologyEntry[]; integration: IntegrationEntry[]; proposals: LinkProposal[] }
  >()

  constructor(deps: {
    access: AccessPolicy
    entries: ChronologyEntryRepository
    links: ChronologyLinkRepository
    episodes: ChronologyEpisodeRepository
    sharing: ChronologySharingRepository
    cast: ChronologyCast
    scopes: ChronologyScopes
    audit: AuditService
    now: () => Date
  }) {
    this.#access = deps.access
    this.#entries = deps.entries
    this.#links = deps.links
    this.#episodes = deps.episodes
    this.#sharing = deps.sharing
    this.#cast = deps.cast
    this.#scopes = deps.scopes
    this.#audit = deps.audit
    this.#now = deps.now
  }

  /**
   * What the actor may read of a review's chronology. Throws AccessDeniedError without `chronology.read`,
   * NotFoundError for a review outside their scope (an agency contributor whose agency was not asked).
   */
  async readScope(actor: Actor, reviewId: string): Promise<ChronologyScope> {
    const granted = await this.#access.require(actor, 'chronology.read', { review: reviewId })
    return this.#scopes.of(actor, reviewId, granted)
  }

  /**
   * Every submitted entry the actor may see (an agency contributor: their own agency's), earliest first,
   * filtered; gaps longer than `gapDays`; and links proposed between agencies' reports of the same event
   * with the reviewer's decisions. Audited as `chronology.read`.
   */
  async view(actor: Actor, reviewId: string, filter: IntegratedFilter = {}): Promise<IntegratedChronology> {
    const scope = await this.readScope(actor, reviewId)
    const agencyNames = new Map(scope.agencies.map((a) => [a.id, a.name]))
    // Before the coordinator shares it, an agency contributor sees their own agency's entries only.
    const shared = scope.agencyId !== null && (await this.#sharing.isShared(reviewId))
    const visibleAgencyId = shared ? null : scope.agencyId
    const { all, integration, proposals } = await this.#submitted(reviewId, visibleAgencyId, agencyNames)
    const entryFilter: EntryFilter = {
      agencyId: visibleAgencyId ?? filter.agencyId,
      from: filter.from,
      to: filter.to,
      significance: filter.significance,
    }
    const { people, entryPeople, revealed, mask } = await this.#cast.ofEntries(actor, reviewId)
    // Episodes are the reviewers' analysis: agency contributors neither see them nor filter by them.
    const episodes = scope.agencyId === null ? orderedEpisodes(await this.#episodes.episodes(reviewId), all) : []
    let entries = filterEntries(all, entryFilter)
    if (filter.personId) {
      entries = entries.filter((e) => entryPeople.get(e.id)?.some((p) => p.id === filter.personId))
    }
    if (filter.episodeId) {
      const inEpisode = new Set(episodes.find((ep) => ep.id === filter.episodeId)?.entryIds ?? [])
      entries = entries.filter((e) => inEpisode.has(e.id))
    }
    const visible = new Set(entries.map((e) => e.id))
    const gaps = findGaps(
      integration.filter((e) => visible.has(e.id)),
      { minDays: filter.gapDays ?? 28 },
    )
    const decisions = new Map<string, LinkDecision>(
      (await this.#links.listLinkDecisions(reviewId)).map((d) => [linkKey(d.entryIds), d]),
    )
    const links: PresentedLink[] = proposals
      .filter((p) => p.entryIds.some((id) => visible.has(id)))
      .map((p) => ({
        ...p,
        // "Shared words" can be a surname.
        reasons: p.reasons.map(mask.text),
        status: decisions.get(linkKey(p.entryIds))?.status ?? 'proposed',
      }))
    entries = entries.map(mask.entry)
    await this.#audit.recordAction(
      actor,
      'chronology.read',
      { type: 'review', id: reviewId },
      {
        entries: entries.length,
        ...(shared ? { shared: true } : {}),
        ...(filter.personId ? { person: filter.personId } : {}),
        ...(filter.episodeId ? { episode: filter.episodeId } : {}),
        ...(revealed ? { revealedNames: people.length } : {}),
      },
    )
    if (revealed) await this.#cast.recordReveal(actor, reviewId, 'integrated chronology', people.length)
    return { scope, shared, entries, people, entryPeople, episodes, gaps, links, agencyNames }
  }

  /**
   * The submitted entries in scope (every agency, or one), as integration entries, and the links proposed
   * between them; cached per review and scope while {@link ChronologyEntryRepository.submittedVersion} is the same
   * (submitted entries never change), because comparing 5,000 entries takes about 300 ms.
   */
  async #submitted(reviewId: string, agencyId: string | null, agencyNames: Map<string, string>) {
    const cacheKey = `${reviewId}|${agencyId ?? '*'}`
    const version = await this.#entries.submittedVersion(reviewId, agencyId ?? undefined)
    const cached = this.#cache.get(cacheKey)
    if (cached?.version === version) return cached
    const all = await this.#entries.listEntries(reviewId, { status: 'submitted', agencyId: agencyId ?? undefined })
    const integration: IntegrationEntry[] = all.map((e) => ({
      id: e.id,
      // Links and gaps are between the partnership's agencies, whatever a file calls itself.
      agency: agencyNames.get(e.agencyId) ?? e.agency,
      date: e.date,
      time: e.time,
      event: e.event,
      peopleInvolved: e.peopleInvolved,
      practitionerRole: e.practitionerRole,
      sourceRecord: e.sourceRecord,
    }))
    const value = { version, all, integration, proposals: proposeLinks(integration) }
    this.#cache.delete(cacheKey)
    this.#cache.set(cacheKey, value)
    // Bounded: the least recently computed goes first.
    if (this.#cache.size > CACHED_CHRONOLOGIES) this.#cache.delete(this.#cache.keys().next().value!)
    return value
  }

  /**
   * Confirms or splits a proposed link (reviewers who write the report: coordinators and lead reviewers).
   * Throws ValidationError when the entries are not a proposed link of this review.
   */
  async decideLink(actor: Actor, reviewId: string, entryIds: string[], decision: 'confirmed' | 'split'): Promise<void> {
    await this.#access.require(actor, 'report.write', { review: reviewId })
    const entries = await Promise.all(entryIds.slice(0, 2).map((id) => this.#entries.findEntry(reviewId, id)))
    if (entryIds.length !== 2 || entries.some((e) => !e || e.status !== 'submitted')) {
      throw new ValidationError([{ field: 'link', message: 'Select a proposed link to confirm or split' }])
    }
    await this.#links.saveLinkDecision(reviewId, entryIds, decision, actor.userId, this.#now())
    await this.#audit.recordAction(
      actor,
      decision === 'confirmed' ? 'chronology.link.confirm' : 'chronology.link.split',
      { type: 'review', id: reviewId },
      { entries: entryIds.join(',') },
    )
  }
}

function filterEntries(entries: ChronologyEntry[], filter: EntryFilter): ChronologyEntry[] {
  const significance = filter.significance?.trim().toLowerCase()
  return entries.filter(
    (e) =>
      (!filter.agencyId || e.agencyId === filter.agencyId) &&
      (!filter.from || e.date.end >= filter.from) &&
      (!filter.to || e.date.start <= filter.to) &&
      (!significance ||
        (significance === '*' ? e.significance.trim() !== '' : e.significance.toLowerCase().includes(significance))),
  )
}
