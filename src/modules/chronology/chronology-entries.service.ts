/**
 * Chronology entries: drafts typed in the browser, submission into the integrated chronology (people in the
 * case proposed from each entry), discarding drafts, one entry's page with its people and earlier texts, and
 * corrections of submitted entries with a reason. Real names only with `review.revealOriginal` (chronology-cast.ts).
 */
import type { AccessPolicy } from '../access/access.policy.ts'
import type { Actor } from '../access/actor.ts'
import { roleAllows } from '../access/permissions.ts'
import type { AuditService } from '../audit/audit.service.ts'
import { NotFoundError, ValidationError, type FieldError } from '../errors.ts'
import type { Agency } from '../partnerships/partnership.ts'
import type { EntryMasker } from './cast-masking.ts'
import { StaleVersionError, type ChronologyEntry } from './chronology.ts'
import type { CasePersonLabel, ChronologyCast } from './chronology-cast.ts'
import {
  contentOf,
  entryChangePermission,
  mayChangeEntry,
  validateEntry,
  type EntryCorrection,
  type EntryInput,
} from './chronology-entry.ts'
import type { ChronologyEntryRepository, EntryContent, EntryRevision } from './chronology-entry.repository.ts'
import type { ChronologyEpisodeRepository } from './chronology-episode.repository.ts'
import type { ChronologyPeopleRepository } from './chronology-people.repository.ts'
import type { ChronologyScope, ChronologyScopes } from './chronology-scope.ts'
import type { ChronologySharingRepository } from './chronology-sharing.repository.ts'

/** Longest reason for a correction. */
const MAX_REASON_CHARS = 2_000

/** One entry as its page shows it: the entry, its people, its earlier texts and what the actor may do. */
export interface EntryDetail {
  scope: ChronologyScope
  entry: ChronologyEntry
  /** The entry's version (1 as submitted, one more per correction). */
  version: number
  people: CasePersonLabel[]
  /** People of the case not linked to the entry (for "add a person"). */
  otherPeople: CasePersonLabel[]
  revisions: EntryRevision[]
  /** The key practice episodes the entry is in (none for agency contributors). */
  episodes: Array<{ id: string; name: string }>
  /** May correct the entry and change its people. */
  canChange: boolean
}

/** Use cases of chronology entries: typed drafts, submission, one entry's page, its people, corrections. */
export class ChronologyEntryService {
  readonly #access: AccessPolicy
  readonly #entries: ChronologyEntryRepository
  readonly #people: ChronologyPeopleRepository
  readonly #episodes: ChronologyEpisodeRepository
  readonly #sharing: ChronologySharingRepository
  readonly #cast: ChronologyCast
  readonly #scopes: ChronologyScopes
  readonly #audit: AuditService
  readonly #now: () => Date

  constructor(deps: {
    access: AccessPolicy
    entries: ChronologyEntryRepository
    people: ChronologyPeopleRepository
    episodes: ChronologyEpisodeRepository
    sharing: ChronologySharingRepository
    cast: ChronologyCast
    scopes: ChronologyScopes
    audit: AuditService
    now: () => Date
  }) {
    this.#access = deps.access
    this.#entries = deps.entries
    this.#people = deps.people
    this.#episodes = deps.episodes
    this.#sharing = deps.sharing
    this.#cast = deps.cast
    this.#scopes = deps.scopes
    this.#audit = deps.audit
    this.#now = deps.now
  }

  /** The policy's check for the review, then what the actor may see of its chronology. */
  async #scope(actor: Actor, reviewId: string, permission: 'chronology.read' | 'chronology.submit') {
    const granted = await this.#access.require(actor, permission, { review: reviewId })
    return this.#scopes.of(actor, reviewId, granted)
  }

  /** The policy's check (`chronology.submit`), then the agency the actor submits for. */
  async #submitScope(actor: Actor, reviewId: string, agencyId: string | null | undefined) {
    const granted = await this.#access.require(actor, 'chronology.submit', { review: reviewId })
    return this.#scopes.submitting(actor, reviewId, granted, agencyId)
  }

  /**
   * Adds a draft entry typed in the browser, or changes a draft (`entryId`). Throws ValidationError with
   * GOV.UK messages per field; a submitted entry cannot be changed here.
   */
  async saveEntry(actor: Actor, reviewId: string, input: EntryInput): Promise<string> {
    // The policy first: an entry of another review or (contributors) another agency is "not found".
    const granted = await this.#access.require(actor, 'chronology.submit', {
      review: reviewId,
      ...(input.entryId ? { chronologyEntry: input.entryId } : {}),
    })
    const existing = input.entryId ? await this.#entries.findEntry(reviewId, input.entryId) : undefined
    const { agency } = await this.#submitScope(actor, reviewId, granted.agencyId ?? input.agencyId)
    if (existing && existing.agencyId !== agency.id) throw new NotFoundError('Entry not found')
    const content = validateEntry(input, agency.name)
    if (existing) {
      if (!(await this.#entries.updateDraft(reviewId, existing.id, content, this.#now()))) {
        throw new ValidationError([{ field: 'event', message: 'This entry has been submitted and cannot be changed' }])
      }
      return existing.id
    }
    return this.#entries.addEntry({ reviewId, agencyId: agency.id, createdBy: actor.userId }, content, this.#now())
  }

  /** A draft entry the actor may edit (for the form). */
  async draftEntry(actor: Actor, reviewId: string, entryId: string): Promise<ChronologyEntry> {
    const granted = await this.#access.require(actor, 'chronology.submit', {
      review: reviewId,
      chronologyEntry: entryId,
    })
    const entry = await this.#entries.findEntry(reviewId, entryId)
    const scope = await this.#submitScope(actor, reviewId, granted.agencyId ?? undefined)
    if (!entry || entry.agencyId !== scope.agency.id || entry.status !== 'draft') {
      throw new NotFoundError('Entry not found')
    }
    return entry
  }

  /**
   * The draft entries the actor may submit: their agency's, or (coordinators) every agency's.
   * @throws AccessDeniedError (refusal audited) without `chronology.submit`: a page showing drafts
   *   asks `policy.can(actor, 'chronology.submit')` first.
   */
  async drafts(actor: Actor, reviewId: string): Promise<ChronologyEntry[]> {
    const scope = await this.#scope(actor, reviewId, 'chronology.submit')
    return this.#entries.listEntries(reviewId, { status: 'draft', agencyId: scope.agencyId ?? undefined })
  }

  /** Submits the agency's draft entries into the integrated chronology. Returns how many. */
  async submitDrafts(actor: Actor, reviewId: string, agencyId?: string): Promise<number> {
    const { agency } = await this.#submitScope(actor, reviewId, agencyId)
    const now = this.#now()
    const count = await this.#entries.submitDrafts(reviewId, agency.id, now)
    if (count === 0) {
      throw new ValidationError([{ field: 'agencyId', message: `${agency.name} has no draft entries to submit` }])
    }
    const submitted = await this.#entries.listEntries(reviewId, { status: 'submitted', agencyId: agency.id })
    await this.#cast.proposePeople(
      reviewId,
      submitted.filter((e) => e.submittedAt === now.toISOString()),
      actor.userId,
    )
    await this.#audit.recordAction(
      actor,
      'chronology.submit',
      { type: 'review', id: reviewId },
      { agency: agency.name, entries: count },
    )
    return count
  }

  /**
   * What submitting (or discarding) the agency's drafts would do, for the confirmation page: the agency and
   * how many draft entries there are. Throws AccessDeniedError, NotFoundError, or ValidationError (no drafts).
   */
  async submitConfirmation(
    actor: Actor,
    reviewId: string,
    agencyId?: string,
    purpose: 'submit' | 'discard' = 'submit',
  ): Promise<{ scope: ChronologyScope; agency: Agency; count: number }> {
    const { agency, ...scope } = await this.#submitScope(actor, reviewId, agencyId)
    const count = (await this.#entries.listEntries(reviewId, { status: 'draft', agencyId: agency.id })).length
    if (count === 0) {
      throw new ValidationError([{ field: 'agencyId', message: `${agency.name} has no draft entries to ${purpose}` }])
    }
    return { scope, agency, count }
  }

  /**
   * Deletes every draft entry of the agency (submitted entries stay). Returns how many. Throws
   * AccessDeniedError, NotFoundError, or ValidationError (no drafts). Audited as `chronology.drafts.discard`.
   */
  async discardDrafts(actor: Actor, reviewId: string, agencyId?: string): Promise<number> {
    const { agency } = await this.#submitScope(actor, reviewId, agencyId)
    const count = await this.#entries.deleteDrafts(reviewId, agency.id)
    if (count === 0) {
      throw new ValidationError([{ field: 'agencyId', message: `${agency.name} has no draft entries to discard` }])
    }
    await this.#audit.recordAction(
      actor,
      'chronology.drafts.discard',
      { type: 'review', id: reviewId },
      { agency: agency.name, entries: count },
    )
    return count
  }

  /**
   * One entry with its people, earlier texts and what the actor may do. A submitted entry is visible to whoever
   * sees it in the integrated chronology; a draft only to those who may submit it. Anything else is "not
   * found" (refusal audited). Audited as `chronology.read`.
   */
  async entryDetail(actor: Actor, reviewId: string, entryId: string): Promise<EntryDetail> {
    const scope = await this.#scope(actor, reviewId, 'chronology.read')
    const entry = await this.#entries.findEntry(reviewId, entryId)
    const own = entry !== undefined && (scope.agencyId === null || entry.agencyId === scope.agencyId)
    const visible =
      entry !== undefined &&
      (entry.status === 'submitted'
        ? own || (await this.#sharing.isShared(reviewId))
        : own && roleAllows(actor.role, 'chronology.submit'))
    if (!entry || !visible) {
      await this.#audit.recordRefusal(actor, 'chronology.read', { type: 'chronology_entry', id: entryId })
      throw new NotFoundError('Entry not found')
    }
    const { people, revealed, mask } = await this.#cast.labels(actor, reviewId)
    const linked = new Set(
      (await this.#people.personLinks(reviewId, [entry.id]))
        .filter((l) => l.status === 'linked')
        .map((l) => l.personId),
    )
    const revisions = (await this.#entries.revisions(entry.id)).map((r) => maskRevision(r, mask))
    const episodes =
      scope.agencyId === null
        ? (await this.#episodes.episodes(reviewId))
            .filter((ep) => ep.entryIds.includes(entry.id))
            .map((ep) => ({ id: ep.id, name: ep.name }))
        : []
    await this.#audit.recordAction(actor, 'chronology.read', { type: 'chronology_entry', id: entry.id }, { entries: 1 })
    if (revealed) await this.#cast.recordReveal(actor, reviewId, 'chronology entry', people.length)
    return {
      scope,
      entry: mask.entry(entry),
      version: revisions.length + 1,
      people: people.filter((p) => linked.has(p.id)),
      otherPeople: people.filter((p) => !linked.has(p.id)),
      revisions,
      episodes,
      canChange: mayChangeEntry(actor, entry, scope.agencyId),
    }
  }

  /**
   * The entry the actor may change: an agency contributor their own agency's entries, a coordinator any
   * agency's, a lead reviewer of the review submitted entries. Throws AccessDeniedError or NotFoundError.
   */
  async #changeableEntry(actor: Actor, reviewId: string, entryId: string): Promise<ChronologyEntry> {
    const granted = await this.#access.require(actor, entryChangePermission(actor), {
      review: reviewId,
      chronologyEntry: entryId,
    })
    const permission = entryChangePermission(actor)
    const entry = await this.#entries.findEntry(reviewId, entryId)
    if (!entry || !mayChangeEntry(actor, entry, granted.confinedToAgency)) {
      await this.#audit.recordRefusal(actor, permission, { type: 'chronology_entry', id: entryId })
      throw new NotFoundError('Entry not found')
    }
    return entry
  }

  /**
   * Links a person in the case to an entry (`add`), or removes the link (`remove`; a removed proposal does
   * not come back). Checks access first, then throws ValidationError for anything but a person of this
   * review's case and `add` or `remove`. Audited.
   */
  async setEntryPerson(actor: Actor, reviewId: string, entryId: string, personId: string, action: string) {
    const entry = await this.#changeableEntry(actor, reviewId, entryId)
    const { people } = await this.#people.cast(reviewId)
    if (!people.some((p) => p.id === personId) || (action !== 'add' && action !== 'remove')) {
      throw new ValidationError([{ field: 'personId', message: 'Select a person in the case' }])
    }
    const linked = action === 'add'
    await this.#people.setPersonLink(
      reviewId,
      { entryId: entry.id, personId, source: 'added', status: linked ? 'linked' : 'removed' },
      actor.userId,
      this.#now(),
    )
    await this.#audit.recordAction(
      actor,
      linked ? 'chronology.entry.person.link' : 'chronology.entry.person.unlink',
      { type: 'chronology_entry', id: entry.id },
      { person: personId },
    )
  }

  /**
   * Corrects a submitted entry with a reason; its previous text is kept (shown as its history), its people
   * are proposed again, and links between agencies are computed again. Throws ValidationError (per field,
   * including `reason`) and StaleVersionError when someone corrected it after `version` was read. Audited.
   */
  async correctEntry(actor: Actor, reviewId: string, entryId: string, input: EntryCorrection): Promise<void> {
    const entry = await this.#changeableEntry(actor, reviewId, entryId)
    if (entry.status !== 'submitted') throw new NotFoundError('Entry not found')
    const errors: FieldError[] = []
    const reason = String(input.reason ?? '').trim()
    if (!reason) errors.push({ field: 'reason', message: 'Enter why you are correcting this entry' })
    else if (reason.length > MAX_REASON_CHARS) {
      errors.push({
        field: 'reason',
        message: `The reason must be ${MAX_REASON_CHARS.toLocaleString('en-GB')} characters or fewer`,
      })
    }
    let next: EntryContent | undefined
    try {
      next = validateEntry({ ...input, agency: input.agency ?? entry.agency }, entry.agency)
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error
      errors.push(...error.errors)
    }
    if (errors.length || !next) throw new ValidationError(errors)
    const version = Number(input.version)
    if (!Number.isInteger(version) || version < 1) throw new StaleVersionError('No version')
    await this.#entries.correctEntry(
      reviewId,
      entry.id,
      { version, previous: contentOf(entry), next, reason },
      actor.userId,
      this.#now(),
    )
    await this.#cast.proposePeople(reviewId, [{ ...entry, peopleInvolved: next.peopleInvolved }], actor.userId)
    await this.#audit.recordAction(
      actor,
      'chronology.entry.correct',
      { type: 'chronology_entry', id: entry.id },
      { version: version + 1 },
    )
  }

  /**
   * Proposes people for every submitted entry again, from the review's current people in the case (after
   * people were added): links someone removed stay removed; links added by hand stay. Coordinators and lead
   * reviewers (`report.write`). Returns how many entries have at least one person. Audited.
   */
  async matchPeopleAgain(actor: Actor, reviewId: string): Promise<number> {
    await this.#access.require(actor, 'report.write', { review: reviewId })
    const entries = await this.#entries.listEntries(reviewId, { status: 'submitted' })
    await this.#cast.proposePeople(reviewId, entries, actor.userId)
    const linked = new Set(
      (await this.#people.personLinks(reviewId)).filter((l) => l.status === 'linked').map((l) => l.entryId),
    )
    await this.#audit.recordAction(
      actor,
      'chronology.people.match',
      { type: 'review', id: reviewId },
      { entries: entries.length, linked: linked.size },
    )
    return linked.size
  }
}

/** An earlier version of an entry, its text masked like the entry. */
function maskRevision(revision: EntryRevision, mask: EntryMasker): EntryRevision {
  return { ...revision, previous: mask.entry(revision.previous) }
}
