import type { Actor } from '../../modules/access/actor.ts'
import type { Role } from '../../modules/access/permissions.ts'
import { hashPassword } from '../../modules/auth/credentials.ts'
import { addWorkingDays } from '../../modules/clocks/working-days.ts'
import { todayInEngland } from '../../modules/clocks/plain-date.ts'
import type { PartnershipRepository } from '../../modules/partnerships/partnership.repository.ts'
import type { ReviewService } from '../../modules/reviews/review.service.ts'
import type { UserRepository } from '../../modules/users/user.repository.ts'
import { DEMO_PARTNERSHIP_NAME, DEMO_PASSWORD } from './demo-seed.ts'

/** A second demo partnership (invented), so that one person can work for two. */
export const SECOND_PARTNERSHIP_NAME = 'Fenbridge Safeguarding Children Partnership'

/** The demo user who works for both partnerships, with a role in each (first: the one at sign-in). */
export const TWO_PARTNERSHIP_USER: {
  readonly email: string
  readonly displayName: string
  readonly memberships: ReadonlyArray<{ partnership: string; role: Role }>
} = {
  email: 'two.partnerships@marlshire.example',
  displayName: 'Jamie Demo (works for two partnerships)',
  memberships: [
    { partnership: DEMO_PARTNERSHIP_NAME, role: 'chair' },
    { partnership: SECOND_PARTNERSHIP_NAME, role: 'coordinator' },
  ],
}

/**
 * Seed the second partnership, its agencies, the user who works for both partnerships and, with
 * `withReviews`, one notification of the second partnership. Idempotent: does nothing when the
 * second partnership exists. Needs the demo partnership (seeded first).
 */
export async function seedSecondPartnership(
  deps: { partnerships: PartnershipRepository; users: UserRepository; reviews: ReviewService },
  now: Date,
  withReviews: boolean,
): Promise<void> {
  const { partnerships, users, reviews } = deps
  if (await partnerships.findByName(SECOND_PARTNERSHIP_NAME)) return
  const demo = await partnerships.findByName(DEMO_PARTNERSHIP_NAME)
  if (!demo) return
  const second = await partnerships.create({ name: SECOND_PARTNERSHIP_NAME, region: 'North West' }, now)
  for (const agency of [
    { name: 'Fenbridge Police', kind: 'police' },
    { name: 'Fenbridge Children’s Social Care', kind: 'childrens_social_care' },
  ]) {
    await partnerships.addAgency(second.id, agency, now)
  }
  const user = await users.create(
    {
      email: TWO_PARTNERSHIP_USER.email,
      displayName: TWO_PARTNERSHIP_USER.displayName,
      passwordHash: await hashPassword(DEMO_PASSWORD),
    },
    now,
  )
  const ids = new Map([
    [DEMO_PARTNERSHIP_NAME, demo.id],
    [SECOND_PARTNERSHIP_NAME, second.id],
  ])
  for (const [i, membership] of TWO_PARTNERSHIP_USER.memberships.entries()) {
    // A millisecond apart: the first membership is the one a sign-in starts in.
    await users.addMembership(
      { userId: user.id, partnershipId: ids.get(membership.partnership)!, role: membership.role, agencyId: null },
      new Date(now.getTime() + i),
    )
  }
  if (!withReviews) return
  const coordinator: Actor = {
    userId: user.id,
    email: user.email,
    displayName: user.displayName,
    role: 'coordinator',
    partnershipId: second.id,
    agencyId: null,
    ip: null,
    userAgent: 'demo seed',
  }
  const today = todayInEngland(now)
  await reviews.createNotification(
    coordinator,
    {
      incidentDate: addWorkingDays(today, -6),
      awareDate: addWorkingDays(today, -5),
      panelNotifiedDate: addWorkingDays(today, -3),
      nature: 'serious_harm',
      abuseOrNeglect: 'suspected',
      agenciesInvolved: ['Fenbridge Police', 'Fenbridge Children’s Social Care'],
      outline: 'A nine-year-old was found with injuries after months of missed school; neglect is suspected.',
      pseudonym: 'Child F',
      children: [
        {
          name: 'Frankie Demo-Example',
          dateOfBirth: null,
          ageText: '9 years',
          sex: null,
          ethnicGroup: null,
          disability: null,
          lookedAfter: false,
          childProtectionPlan: false,
          knownToSocialCare: true,
        },
      ],
    },
    true,
  )
}
