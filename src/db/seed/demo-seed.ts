import type { Actor } from '../../modules/access/actor.ts'
import { roleIsNational, type Role } from '../../modules/access/permissions.ts'
import { todayInEngland } from '../../modules/clocks/plain-date.ts'
import type { ReviewService } from '../../modules/reviews/review.service.ts'
import { seedDemoReviews } from './demo-reviews.ts'
import { hashPassword } from '../../modules/auth/credentials.ts'
import type { PartnershipRepository } from '../../modules/partnerships/partnership.repository.ts'
import type { UserRepository } from '../../modules/users/user.repository.ts'
import type { PartnerSignOffRepository } from '../../modules/publication/partner-sign-off.repository.ts'
import type { StatutoryPartner } from '../../modules/publication/partner-sign-off.ts'

/** The demo partnership's name (invented; the demo case in shared/data uses it too). */
export const DEMO_PARTNERSHIP_NAME = 'Marlshire Safeguarding Children Partnership'

/** The password of every demo user (documented in the README; demo mode only). */
export const DEMO_PASSWORD = 'marlshire-demo-password'

/** The demo agencies: the list plus those the demo case "Child M" involves. */
export const DEMO_AGENCIES: ReadonlyArray<{ name: string; kind: string }> = [
  { name: 'Marlshire Police', kind: 'police' },
  { name: "Marlshire Children's Social Care", kind: 'childrens_social_care' },
  { name: 'Marlshire Health Visiting Service', kind: 'health_visiting' },
  { name: 'GP practices (Marlshire Integrated Care Board)', kind: 'gp' },
  { name: 'Marlshire Hospitals NHS Foundation Trust', kind: 'hospital' },
  { name: 'Marlshire Schools (Education)', kind: 'school' },
  { name: 'Marlshire CAMHS', kind: 'camhs' },
  { name: 'Marlshire Recovery Partnership', kind: 'substance_misuse_service' },
  { name: 'Early years: Marlshire nurseries', kind: 'nursery' },
]

/** One demo user per role. */
export const DEMO_USERS: ReadonlyArray<{
  email: string
  displayName: string
  role: Role
  agency?: string
  /** The statutory partner a chair signs off for (each of the three has one demo signer). */
  partner?: StatutoryPartner
}> = [
  { email: 'coordinator@marlshire.example', displayName: 'Priya Demo (review coordinator)', role: 'coordinator' },
  {
    email: 'chair@marlshire.example',
    displayName: 'Graham Demo (partnership chair)',
    role: 'chair',
    partner: 'local_authority',
  },
  {
    email: 'police.partner@marlshire.example',
    displayName: 'Dana Demo (police safeguarding partner)',
    role: 'chair',
    partner: 'police',
  },
  {
    email: 'health.partner@marlshire.example',
    displayName: 'Kit Demo (health safeguarding partner)',
    role: 'chair',
    partner: 'health',
  },
  { email: 'reviewer@marlshire.example', displayName: 'Alex Demo (lead reviewer)', role: 'lead_reviewer' },
  { email: 'panel@marlshire.example', displayName: 'Jordan Demo (panel member)', role: 'panel_member' },
  {
    email: 'police.contributor@marlshire.example',
    displayName: 'Sam Demo (police contributor)',
    role: 'agency_contributor',
    agency: 'Marlshire Police',
  },
  { email: 'national@panel.example', displayName: 'Morgan Demo (inspector, read only)', role: 'national_viewer' },
  {
    email: 'panel.member@panel.example',
    displayName: 'Avery Demo (national Panel member)',
    role: 'national_panel_member',
  },
  {
    email: 'secretariat@panel.example',
    displayName: 'Casey Demo (national Panel secretariat)',
    role: 'panel_secretariat',
  },
  { email: 'admin@marlshire.example', displayName: 'Robin Demo (administrator)', role: 'administrator' },
]

/**
 * Seed the demo partnership, its agencies and one user per role. Idempotent: does nothing when
 * the demo partnership already exists. Returns true when it seeded.
 */
export async function seedDemo(
  partnerships: PartnershipRepository,
  users: UserRepository,
  now: Date = new Date(),
  signatories: Pick<PartnerSignOffRepository, 'setPartner'> | null = null,
): Promise<boolean> {
  if (await partnerships.findByName(DEMO_PARTNERSHIP_NAME)) return false
  const partnership = await partnerships.create({ name: DEMO_PARTNERSHIP_NAME, region: 'East of England' }, now)
  const agencies = new Map<string, string>()
  for (const agency of DEMO_AGENCIES) {
    agencies.set(agency.name, (await partnerships.addAgency(partnership.id, agency, now)).id)
  }
  const passwordHash = await hashPassword(DEMO_PASSWORD)
  for (const demo of DEMO_USERS) {
    const user = await users.create({ email: demo.email, displayName: demo.displayName, passwordHash }, now)
    await users.addMembership(
      {
        userId: user.id,
        // The national Panel's people are not part of a partnership.
        partnershipId: roleIsNational(demo.role) ? null : partnership.id,
        role: demo.role,
        agencyId: demo.agency ? (agencies.get(demo.agency) ?? null) : null,
      },
      now,
    )
    if (demo.partner && signatories) await signatories.setPartner(partnership.id, user.id, demo.partner, now)
  }
  return true
}

/** A demo user as an actor of the demo partnership (the seed acts through the services, audited). */
export async function demoActor(
  partnerships: PartnershipRepository,
  users: UserRepository,
  email: string,
  role: Role,
): Promise<Actor> {
  const partnership = (await partnerships.findByName(DEMO_PARTNERSHIP_NAME))!
  const user = (await users.findByEmail(email))!
  return {
    userId: user.id,
    email,
    displayName: user.displayName,
    role,
    partnershipId: partnership.id,
    agencyId: null,
    ip: null,
    userAgent: 'demo seed',
  }
}

/** Seed the demo reviews, acting as the demo coordinator and chair (their audit entries say so). */
export async function seedDemoReviewsFor(
  partnerships: PartnershipRepository,
  users: UserRepository,
  reviews: ReviewService,
  now: Date,
): Promise<void> {
  await seedDemoReviews(
    reviews,
    {
      coordinator: await demoActor(partnerships, users, 'coordinator@marlshire.example', 'coordinator'),
      chair: await demoActor(partnerships, users, 'chair@marlshire.example', 'chair'),
      reviewerUserId: (await users.findByEmail('reviewer@marlshire.example'))!.id,
      panelUserId: (await users.findByEmail('panel@marlshire.example'))!.id,
    },
    todayInEngland(now),
  )
}
