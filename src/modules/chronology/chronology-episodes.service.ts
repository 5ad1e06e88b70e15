/**
 * Key practice episodes: reviewers group submitted entries into named episodes with their analysis notes
 * (coordinators and lead reviewers: `report.write`); reviewers and the panel read them, and the report
 * writer refers to them. Agency contributors never see them: they are the reviewers' analysis.
 */
import type { AccessPolicy } from '../access/access.policy.ts'
import type { Actor } from '../access/actor.ts'
import type { AuditService } from '../audit/audit.service.ts'
import { NotFoundError, ValidationError, type FieldError } from '../errors.ts'
import { StaleVersionError } from './chronology.ts'
import type { ChronologyEntryRepository } from './chronology-entry.repository.ts'
import type { ChronologyEpisodeRepository } from './chronology-episode.repository.ts'
import { orderedEpisodes, type KeyPracticeEpisode } from './key-practice-episode.ts'

export type { KeyPracticeEpisode } from './key-practice-episode.ts'

/** Longest episode name and notes. */
const MAX_NAME_CHARS = 200
const MAX_NOTES_CHARS = 20_000

/** Use cases of key practice episodes. */
export class ChronologyEpisodeService {
  readonly #access: AccessPolicy
  readonly #entries: ChronologyEntryRepository
  readonly #episodes: ChronologyEpisodeRepository
  readonly #audit: AuditService
  readonly #now: () => Date

  constructor(deps: {
    access: AccessPolicy
    entries: ChronologyEntryRepository
    episodes: ChronologyEpisodeRepository
    audit: AuditService
    now: () => Date
  }) {
    this.#access = deps.access
    this.#entries = deps.entries
    this.#episodes = deps.episodes
    this.#audit = deps.audit
    this.#now = deps.now
  }

  /**
   * The review's key practice episodes, by name: each with its entries (chronology order) and analysis
   * notes. For reviewers and panel (`chronology.read` and the review readable); agency contributors are
   * refused. Audited as `chronology.read`. Used by the report writer to insert references.
   */
  async keyPracticeEpisodes(
    actor: Actor,
    reviewId: string,
  ): Promise<Array<{ id: string; name: string; entryIds: string[]; notes: string }>> {
    const episodes = await this.#readEpisodes(actor, reviewId)
    return episodes.map((e) => ({ id: e.id, name: e.name, entryIds: e.entryIds, notes: e.notes }))
  }

  /**
   * The episodes with their versions, for the episodes pages; `search` keeps those whose name or notes
   * contain it (case-insensitive). Access as {@link keyPracticeEpisodes}; audited.
   */
  async episodeList(actor: Actor, reviewId: string, search = ''): Promise<KeyPracticeEpisode[]> {
    const episodes = await this.#readEpisodes(actor, reviewId)
    const needle = search.trim().toLowerCase()
    return needle
      ? episodes.filter((e) => e.name.toLowerCase().includes(needle) || e.notes.toLowerCase().includes(needle))
      : episodes
  }

  async #readEpisodes(actor: Actor, reviewId: string): Promise<KeyPracticeEpisode[]> {
    // Episodes span every agency's entries: the whole review's material, not one agency's.
    await this.#access.require(actor, 'review.read', { review: reviewId })
    const entries = await this.#entries.listEntries(reviewId, { status: 'submitted' })
    const episodes = orderedEpisodes(await this.#episodes.episodes(reviewId), entries)
    await this.#audit.recordAction(
      actor,
      'chronology.read',
      { type: 'review', id: reviewId },
      { episodes: episodes.length },
    )
    return episodes
  }

  /**
   * Makes a key practice episode from selected submitted entries, with a name and optional notes (coordinators
   * and lead reviewers: `report.write`). Throws ValidationError ("Enter a name for the episode", "Select the
   * entries ..."). Returns its id. Audited.
   */
  async createEpisode(
    actor: Actor,
    reviewId: string,
    input: { name: string; notes?: string; entryIds: string[] },
  ): Promise<string> {
    await this.#access.require(actor, 'report.write', { review: reviewId })
    const { name, notes, entryIds } = await this.#checkEpisode(reviewId, input, true)
    const id = await this.#episodes.createEpisode(reviewId, { name, notes, entryIds }, actor.userId, this.#now())
    await this.#audit.recordAction(
      actor,
      'chronology.episode.create',
      { type: 'review', id: reviewId },
      { episode: id, entries: entryIds.length },
    )
    return id
  }

  /**
   * Changes an episode's name, notes and entries (`report.write`). Throws ValidationError, NotFoundError, and
   * StaleVersionError when someone changed it after `version` was read (nothing stored). Audited.
   */
  async updateEpisode(
    actor: Actor,
    reviewId: string,
    episodeId: string,
    input: { name: string; notes: string; entryIds: string[]; version: string },
  ): Promise<void> {
    await this.#access.require(actor, 'report.write', { review: reviewId })
    const checked = await this.#checkEpisode(reviewId, input, false)
    const version = Number(input.version)
    if (!Number.isInteger(version) || version < 1) throw new StaleVersionError('No version')
    const found = await this.#episodes.updateEpisode(
      reviewId,
      episodeId,
      { ...checked, version },
      actor.userId,
      this.#now(),
    )
    if (!found) throw new NotFoundError('Episode not found')
    await this.#audit.recordAction(
      actor,
      'chronology.episode.change',
      { type: 'review', id: reviewId },
      { episode: episodeId, entries: checked.entryIds.length, version: version + 1 },
    )
  }

  async #checkEpisode(
    reviewId: string,
    input: { name: string; notes?: string; entryIds: string[] },
    needEntries: boolean,
  ) {
    const errors: FieldError[] = []
    const name = String(input.name ?? '').trim()
    const notes = String(input.notes ?? '').trim()
    if (!name) errors.push({ field: 'episodeName', message: 'Enter a name for the episode' })
    else if (name.length > MAX_NAME_CHARS) {
      errors.push({ field: 'episodeName', message: `The name must be ${MAX_NAME_CHARS} characters or fewer` })
    }
    if (notes.length > MAX_NOTES_CHARS) {
      errors.push({
        field: 'notes',
        message: `The notes must be ${MAX_NOTES_CHARS.toLocaleString('en-GB')} characters or fewer`,
      })
    }
    const entryIds = [...new Set(input.entryIds)]
    const entries = await Promise.all(entryIds.slice(0, 1000).map((id) => this.#entries.findEntry(reviewId, id)))
    if (entryIds.length > 1000 || entries.some((e) => !e || e.status !== 'submitted')) {
      errors.push({ field: 'entryIds', message: 'Select entries of the integrated chronology' })
    } else if (needEntries && entryIds.length === 0) {
      errors.push({ field: 'entryIds', message: 'Select the entries that make up the episode' })
    }
    if (errors.length) throw new ValidationError(errors)
    return { name, notes, entryIds }
  }
}
