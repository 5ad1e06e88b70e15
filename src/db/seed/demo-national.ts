import type { Actor } from '../../modules/access/actor.ts'
import type { Role } from '../../modules/access/permissions.ts'
import { addCalendarDays, todayInEngland, type IsoDate } from '../../modules/clocks/plain-date.ts'
import { addWorkingDays } from '../../modules/clocks/working-days.ts'
import type { PartnershipRepository } from '../../modules/partnerships/partnership.repository.ts'
import { DECISION_CRITERIA, type Decision, type DecisionOutcome } from '../../modules/reviews/review.ts'
import type { ReviewService } from '../../modules/reviews/review.service.ts'
import type { UserRepository } from '../../modules/users/user.repository.ts'
import { hashPassword } from '../../modules/auth/credentials.ts'
import { DEMO_PASSWORD } from './demo-seed.ts'

/**
 * Two more invented partnerships, each with a coordinator, a chair and a few invented notifications, so the
 * national Panel's queue and figures show more than one partnership. Synthetic only: every name, place and
 * case here is made up.
 */
export const NATIONAL_DEMO_PARTNERSHIPS: ReadonlyArray<{
  name: string
  region: string
  domain: string
  /** Per notification: the child's age in years, harm, decision (null: none yet) and pseudonym. */
  cases: ReadonlyArray<{
    age: number
    nature: 'death' | 'serious_harm'
    decision: DecisionOutcome | null
    pseudonym: string
  }>
}> = [
  {
    name: 'Eastmoor Safeguarding Children Partnership',
    region: 'North West',
    domain: 'eastmoor.example',
    cases: [
      { age: 0, nature: 'death', decision: 'local_review', pseudonym: 'Baby E' },
      { age: 3, nature: 'serious_harm', decision: 'no_review', pseudonym: 'Child R' },
      { age: 14, nature: 'serious_harm', decision: null, pseudonym: 'Child J' },
    ],
  },
  {
    name: 'Wyndale Children’s Safeguarding Partnership',
    region: 'South West',
    domain: 'wyndale.example',
    cases: [
      { age: 1, nature: 'serious_harm', decision: 'local_review', pseudonym: 'Child W' },
      { age: 16, nature: 'death', decision: 'other_learning_review', pseudonym: 'Child L' },
      { age: 7, nature: 'serious_harm', decision: null, pseudonym: 'Child D' },
      { age: 0, nature: 'serious_harm', decision: 'no_review', pseudonym: 'Baby S' },
    ],
  },
]

const noCriteria = (): Decision['criteria'] =>
  Object.fromEntries(DECISION_CRITERIA.map((c) => [c.key, { answer: 'not_met', evidence: '' }])) as Decision['criteria']

/** Seed the two partnerships, their users and notifications. Idempotent: skips a partnership that exists. */
export async function seedDemoNational(
  partnerships: PartnershipRepository,
  users: UserRepository,
  reviews: ReviewService,
  now: Date,
): Promise<void> {
  const today = todayInEngland(now)
  const passwordHash = await hashPassword(DEMO_PASSWORD)
  for (const [p, demo] of NATIONAL_DEMO_PARTNERSHIPS.entries()) {
    if (await partnerships.findByName(demo.name)) continue
    const partnership = await partnerships.create({ name: demo.name, region: demo.region }, now)
    const actorOf = async (local: string, displayName: string, role: Role): Promise<Actor> => {
      const email = `${local}@${demo.domain}`
      const user = await users.create({ email, displayName, passwordHash }, now)
      await users.addMembership({ userId: user.id, partnershipId: partnership.id, role, agencyId: null }, now)
      return {
        userId: user.id,
        email,
        displayName,
        role,
        partnershipId: partnership.id,
        agencyId: null,
        ip: null,
        userAgent: 'demo seed',
      }
    }
    const area = demo.name.split(' ')[0]
    const coordinator = await actorOf('coordinator', `${area} Demo (review coordinator)`, 'coordinator')
    const chair = await actorOf('chair', `${area} Demo (partnership chair)`, 'chair')
    const version = async (id: string) => (await reviews.get(coordinator, id)).review.version
    for (const [i, c] of demo.cases.entries()) {
      // Spread over the last months; some notifications late, so timeliness has both kinds.
      const aware: IsoDate = addWorkingDays(today, -(30 + 25 * i + 7 * p))
      const notified = addWorkingDays(aware, (i + p) % 3 === 0 ? 7 : 3)
      const id = await reviews.createNotification(
        coordinator,
        {
          incidentDate: addCalendarDays(aware, -1),
          awareDate: aware,
          panelNotifiedDate: notified,
          nature: c.nature,
          abuseOrNeglect: 'suspected',
          agenciesInvolved: [],
          outline: `An invented notification for the national demo (${c.pseudonym}, ${area}).`,
          pseudonym: c.pseudonym,
          children: [
            {
              name: `${c.pseudonym} Demo-Example`,
              dateOfBirth: addCalendarDays(aware, -(c.age * 365 + 40)),
              ageText: null,
              sex: 'not_known',
              ethnicGroup: 'not_known',
              disability: null,
              lookedAfter: false,
              childProtectionPlan: false,
              knownToSocialCare: i % 2 === 0,
            },
          ],
        },
        true,
      )
      if (!c.decision) continue
      await reviews.moveStage(coordinator, id, await version(id), 'rapid_review', null)
      const meeting = addWorkingDays(notified, 12 + (i % 2) * 6)
      await reviews.recordRapidReviewMeeting(coordinator, id, await version(id), {
        meetingDate: meeting,
        outcome: 'An invented rapid review outcome for the national demo.',
        recommendedNextStep: c.decision === 'local_review' ? 'Local child safeguarding practice review' : 'No review',
        sentToPanelDate: meeting,
      })
      await reviews.recordDecision(chair, id, await version(id), {
        criteria: noCriteria(),
        outcome: c.decision,
        rationale: 'An invented rationale for the national demo.',
        decidedOn: addWorkingDays(meeting, 2),
        panelToldOn: addWorkingDays(meeting, 3),
      })
      await reviews.moveStage(coordinator, id, await version(id), 'decided', null)
    }
  }
}
