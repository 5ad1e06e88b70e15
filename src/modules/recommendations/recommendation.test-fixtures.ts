import { actorFor } from '../../../test/support/app.ts'
/**
 * Test fixtures of findings, recommendations and action plans (used by the service, route and browser
 * tests; synthetic data only). Not used by the app.
 */
import type { TestApp } from '../../../test/support/app.ts'
import type { Actor } from '../access/actor.ts'
import type { OutboxMessage, OutboxService } from '../outbox/outbox.service.ts'
import { RecommendationRepository } from './recommendation.repository.ts'
import { RecommendationService } from './recommendation.service.ts'
import { createSubmittedReview } from '../../../test/support/reviews.ts'

/** An outbox that remembers what was queued and honours dedupe keys, as the real one does. */
export class FakeOutbox {
  readonly messages: OutboxMessage[] = []
  readonly #keys = new Set<string>()
  async queue(message: OutboxMessage): Promise<boolean> {
    if (message.dedupeKey && this.#keys.has(message.dedupeKey)) return false
    if (message.dedupeKey) this.#keys.add(message.dedupeKey)
    this.messages.push(message)
    return true
  }
}

/** The real child's name of the fixture review (must never reach an email or a publication export). */
export const FIXTURE_CHILD_NAME = 'Harriet Plancaster'

/**
 * A submitted review ("Child P") in the demo partnership, the lead reviewer a member of it, a second agency
 * contributor (children's social care), and a recommendation service on `now` with a fake outbox.
 */
export async function planFixture(t: TestApp, options: { now?: () => Date } = {}) {
  const { users, partnerships } = t.services.repositories
  const coordinator = await actorFor(t, 'coordinator@marlshire.example')
  const chair = await actorFor(t, 'chair@marlshire.example')
  const lead = await actorFor(t, 'reviewer@marlshire.example')
  const panel = await actorFor(t, 'panel@marlshire.example')
  const police = await actorFor(t, 'police.contributor@marlshire.example')
  const agencies = await partnerships.listAgencies(coordinator.partnershipId!)
  const socialCareAgency = agencies.find((a) => a.kind === 'childrens_social_care')!
  const existing = await users.findByEmail('social.care.contributor@marlshire.example')
  const socialCareUser =
    existing ??
    (await users.create(
      { email: 'social.care.contributor@marlshire.example', displayName: 'Sam Social', passwordHash: null },
      t.now(),
    ))
  if (!existing) {
    await users.addMembership(
      {
        userId: socialCareUser.id,
        partnershipId: coordinator.partnershipId,
        role: 'agency_contributor',
        agencyId: socialCareAgency.id,
      },
      t.now(),
    )
  }
  const socialCare: Actor = {
    ...police,
    userId: socialCareUser.id,
    email: socialCareUser.email,
    displayName: socialCareUser.displayName,
    agencyId: socialCareAgency.id,
  }
  const reviewId = await createSubmittedReview(t, coordinator, {
    incidentDate: '2026-09-02',
    awareDate: '2026-09-03',
    panelNotifiedDate: '2026-09-05',
    outline: 'Synthetic review for action plan tests.',
    pseudonym: 'Child P',
    child: { name: FIXTURE_CHILD_NAME, dateOfBirth: '2025-02-01' },
  })
  await t.services.reviews.addMember(coordinator, reviewId, lead.userId, 'lead_reviewer')
  const reference = (await t.services.reviews.readableReview(coordinator, reviewId)).reference
  const outbox = new FakeOutbox()
  const service = new RecommendationService({
    repository: new RecommendationRepository(t.services.database.db),
    access: t.services.access,
    audit: t.services.audit,
    partnerships,
    users,
    reviews: t.services.reviews,
    // Only `queue` is used by the service.
    outbox: outbox as unknown as OutboxService,
    now: options.now ?? t.now,
  })
  return {
    service,
    outbox,
    reviewId,
    reference,
    coordinator,
    chair,
    lead,
    panel,
    police,
    socialCare,
    policeAgency: agencies.find((a) => a.kind === 'police')!,
    socialCareAgency,
  }
}
