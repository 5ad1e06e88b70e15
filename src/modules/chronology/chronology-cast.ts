/**
 * The review's people in the case as the chronology shows them, and the people proposed for entries.
 * One rule for real names: only with `review.revealOriginal`; without it, every cast name in entry text
 * becomes its label from the review's pseudonym register. Every view that shows real names records a
 * reveal. Used by the chronology services after their access check; checks no access itself.
 */
import { PseudonymRegister } from '../../anonymisation/anonymizer/pseudonym-register.ts'
import type { AccessPolicy } from '../access/access.policy.ts'
import type { Actor } from '../access/actor.ts'
import type { AuditService } from '../audit/audit.service.ts'
import { createEntryMasker, type EntryMasker } from './cast-masking.ts'
import type { ChronologyEntry } from './chronology.ts'
import type { ChronologyPeopleRepository } from './chronology-people.repository.ts'
import { createPeopleMatcher } from './people-links.ts'

/** A person in the case as the actor may see them: the pseudonym, or the real name with the reveal permission. */
export interface CasePersonLabel {
  id: string
  /** Pseudonym ("Mother"), or the person's full name for people with `review.revealOriginal`. */
  label: string
  role: string
}

/** For those who may see real names: texts as they are. */
const UNMASKED: EntryMasker = { text: (t) => t, entry: (e) => e }

/** People in the case for the chronology: labels, masking, links proposed from entries, reveals audited. */
export class ChronologyCast {
  readonly #people: ChronologyPeopleRepository
  readonly #access: AccessPolicy
  readonly #audit: AuditService
  readonly #now: () => Date

  constructor(deps: {
    people: ChronologyPeopleRepository
    access: AccessPolicy
    audit: AuditService
    now: () => Date
  }) {
    this.#people = deps.people
    this.#access = deps.access
    this.#audit = deps.audit
    this.#now = deps.now
  }

  /**
   * The review's people as the actor may see them, and a masker for entry text: real names only with
   * `review.revealOriginal`; without it, every cast name in the text becomes its label from the review's
   * pseudonym register (every person is given a label here, so masking adds none). New labels are kept.
   */
  async labels(
    actor: Actor,
    reviewId: string,
  ): Promise<{ people: CasePersonLabel[]; revealed: boolean; mask: EntryMasker }> {
    const { people, register: stored } = await this.#people.cast(reviewId)
    const register = stored ? PseudonymRegister.fromJSON(stored) : new PseudonymRegister()
    const before = JSON.stringify(register.toJSON())
    const revealed = people.length > 0 && this.#access.can(actor, 'review.revealOriginal')
    const labels = people.map((p) => {
      const pseudonym = p.retain ? p.full_name : register.personLabel(p)
      return { id: p.id, role: p.role, label: revealed ? p.full_name : pseudonym }
    })
    const mask = revealed || people.length === 0 ? UNMASKED : createEntryMasker(people, register)
    if (JSON.stringify(register.toJSON()) !== before) {
      await this.#people.saveRegister(reviewId, register.toJSON(), this.#now())
    }
    return { people: labels, revealed, mask }
  }

  /**
   * {@link labels}, and the people linked to each entry (in the order of the people in the case, the child
   * first, whatever order they were linked in).
   */
  async ofEntries(actor: Actor, reviewId: string) {
    const { people, revealed, mask } = await this.labels(actor, reviewId)
    const byId = new Map(people.map((p) => [p.id, p]))
    const entryPeople = new Map<string, CasePersonLabel[]>()
    for (const link of await this.#people.personLinks(reviewId)) {
      const person = byId.get(link.personId)
      if (link.status !== 'linked' || !person) continue
      entryPeople.set(link.entryId, [...(entryPeople.get(link.entryId) ?? []), person])
    }
    const position = new Map(people.map((p, i) => [p.id, i]))
    for (const list of entryPeople.values()) list.sort((a, b) => position.get(a.id)! - position.get(b.id)!)
    return { people, entryPeople, revealed, mask }
  }

  /** Every view that shows real names records a reveal, as the people page does. */
  async recordReveal(actor: Actor, reviewId: string, view: string, people: number): Promise<void> {
    await this.#audit.recordAction(actor, 'review.reveal_original', { type: 'review', id: reviewId }, { people, view })
  }

  /** Stores the people proposed from the entries' people-involved text (removed proposals stay removed). */
  async proposePeople(reviewId: string, entries: readonly ChronologyEntry[], by: string): Promise<void> {
    if (entries.length === 0) return
    const { people } = await this.#people.cast(reviewId)
    if (people.length === 0) return
    const matcher = createPeopleMatcher(people)
    const proposals = new Map(entries.map((e) => [e.id, matcher.match(e.peopleInvolved)]))
    await this.#people.replaceMatched(reviewId, proposals, by, this.#now())
  }
}
