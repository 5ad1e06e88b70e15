/**
 * The demo case's findings, recommendations and a tracked action plan (invented, anonymised: no person
 * or place of the demo case is named). For the demo seed: `src/db/seed` calls it for "Child M".
 */
import { DEMO_PARTNERSHIP_NAME } from '../../db/seed/demo-seed.ts'
import type { Actor } from '../access/actor.ts'
import { addCalendarDays, type IsoDate } from '../clocks/plain-date.ts'
import type { ReviewService } from '../reviews/review.service.ts'
import type { UserDirectory } from '../users/user.ts'
import type { ActionStatus } from './action-plan.ts'
import type { RecommendationService } from './recommendation.service.ts'

/** The demo findings (section 7 of the demo overview report, without names). */
const FINDINGS = [
  {
    title: 'Hidden men',
    theme: 'hidden_men_fathers',
    text: 'Agencies did not share an expectation that every adult caring for or living with a baby would be identified, checked and assessed. Aliases and partial names were accepted without challenge.',
  },
  {
    title: 'The MASH dilutes police information',
    theme: 'information_sharing',
    text: 'Summarising police protection notices for open cases lost critical information about a known perpetrator, and routing the highest-risk information to early help removed statutory oversight.',
  },
  {
    title: 'Non-mobile bruising',
    theme: 'non_accidental_head_injury',
    text: 'The protocol for bruising in non-mobile infants was not embedded in the emergency department, the paediatric liaison process, general practice or health visiting.',
  },
  {
    title: 'Information sent is not information received',
    theme: 'inter_agency_communication',
    text: 'Critical emails were sent to individual practitioners who were absent or had left, and nobody checked that they had been read.',
  },
  {
    title: 'Children’s words',
    theme: 'voice_of_the_child',
    text: 'The older child’s consistent accounts were recorded but not given weight, and he was never spoken to alone by a social worker before the injury.',
  },
  {
    title: 'Challenge',
    theme: 'professional_challenge_escalation',
    text: 'Early years settings and adult services did not see themselves as entitled to challenge children’s social care decisions, and the escalation procedure was not used once during the period.',
  },
] as const

/** The demo recommendations, the findings (by number) they answer, and the actions tracked against them. */
const RECOMMENDATIONS: Array<{
  addressedTo: string
  action: string
  measureOfSuccess: string
  timescale: string
  findings: number[]
  actions: Array<{ agencyKind: string; description: string; owner: string; dueInDays: number; status: ActionStatus }>
}> = [
  {
    addressedTo: 'Marlshire Police and the MASH',
    action:
      'Revise the research and screening standard for police protection notices so that name and date-of-birth variants are checked, and so that a notice naming a known perpetrator in a household with a child under two triggers a strategy discussion',
    measureOfSuccess: 'a quarterly audit of 50 notices showing at least 90% compliance',
    timescale: 'standard in place within 4 months; first audit within 7 months',
    findings: [1, 2],
    actions: [
      {
        agencyKind: 'police',
        description: 'Publish the revised screening standard and brief MASH researchers',
        owner: 'Detective Inspector, Public Protection Unit',
        dueInDays: -21,
        status: 'in_progress',
      },
      {
        agencyKind: 'police',
        description: 'Audit 50 notices and report compliance to the partnership',
        owner: 'Head of Public Protection',
        dueInDays: 120,
        status: 'not_started',
      },
    ],
  },
  {
    addressedTo: 'Marlshire Children’s Social Care',
    action:
      'Introduce a mandatory “adults in the child’s life” section in child and family assessments, with full name, date of birth, relationship and agency checks for every adult who lives with or cares for the child',
    measureOfSuccess: 'a monthly case file audit showing the section completed in 95% of assessments',
    timescale: 'within 5 months',
    findings: [1],
    actions: [
      {
        agencyKind: 'childrens_social_care',
        description: 'Add the section to the assessment template and train team managers',
        owner: 'Principal Social Worker',
        dueInDays: -60,
        status: 'closed',
      },
    ],
  },
  {
    addressedTo: 'Marlshire Hospitals NHS Foundation Trust with the Integrated Care Board',
    action:
      'Build a mandatory electronic prompt for any injury in a child under 12 months, or not independently mobile, in the emergency department, requiring paediatric review and a referral to children’s social care',
    measureOfSuccess: 'a quarterly audit showing 100% paediatric review and referral',
    timescale: 'prompt live within 3 months; audit from 6 months',
    findings: [3],
    actions: [
      {
        agencyKind: 'hospital',
        description: 'Put the bruising prompt live in the emergency department record',
        owner: 'Named Doctor for Safeguarding',
        dueInDays: -7,
        status: 'awaiting_evidence',
      },
    ],
  },
  {
    addressedTo: 'Marlshire Safeguarding Children Partnership',
    action:
      'Require partner agencies to use monitored team inboxes for safeguarding information, and relaunch the escalation procedure with briefings for early years settings and adult services',
    measureOfSuccess: 'agency self-assessment returns and the number of escalations logged each quarter',
    timescale: 'within 6 months',
    findings: [4, 6],
    actions: [
      {
        agencyKind: 'nursery',
        description: 'Brief every early years setting on the escalation procedure',
        owner: 'Early Years Safeguarding Lead',
        dueInDays: 45,
        status: 'in_progress',
      },
    ],
  },
]

/**
 * Adds the demo findings, recommendations and actions to a review, with progress and evidence so that the
 * dashboard shows every status and an overdue action. Due dates are relative to `today`.
 * Contract: `coordinator` must be a coordinator of the review's partnership (it writes and closes); does
 * nothing when the review already has findings (safe to run twice). Returns the number of actions added.
 */
export async function seedDemoActionPlan(
  recommendations: RecommendationService,
  coordinator: Actor,
  reviewId: string,
  today: IsoDate,
): Promise<number> {
  const { findings: existing } = await recommendations.forWriting(coordinator, reviewId)
  if (existing.length) return 0
  const findingIds: string[] = []
  for (const finding of FINDINGS) {
    findingIds.push((await recommendations.addFinding(coordinator, reviewId, finding)).id)
  }
  let added = 0
  for (const recommendation of RECOMMENDATIONS) {
    const { id } = await recommendations.addRecommendation(coordinator, reviewId, {
      ...recommendation,
      findingIds: recommendation.findings.map((n) => findingIds[n - 1]),
    })
    const { agencies } = await recommendations.forNewAction(coordinator, reviewId, id)
    for (const action of recommendation.actions) {
      const agency = agencies.find((a) => a.kind === action.agencyKind) ?? agencies[0]
      const actionId = await recommendations.addAction(coordinator, reviewId, id, {
        description: action.description,
        agencyId: agency.id,
        owner: action.owner,
        dueDate: addCalendarDays(today, action.dueInDays),
      })
      added++
      await progressTo(recommendations, coordinator, actionId, action.status)
    }
  }
  return added
}

/** Moves a new action along to `status` the way people would: notes, then evidence before closing. */
async function progressTo(
  recommendations: RecommendationService,
  coordinator: Actor,
  actionId: string,
  status: ActionStatus,
): Promise<void> {
  if (status === 'not_started') return
  await recommendations.addProgress(coordinator, actionId, 1, { note: 'Work started.', status: 'in_progress' })
  if (status === 'in_progress') return
  await recommendations.addProgress(coordinator, actionId, 2, {
    note: 'The change is in place; impact to be shown.',
    status: 'awaiting_evidence',
  })
  if (status === 'awaiting_evidence') return
  await recommendations.addEvidence(coordinator, actionId, {
    description: 'Case file audit of 40 assessments: the section was completed in 39.',
    file: null,
  })
  await recommendations.addProgress(coordinator, actionId, 3, {
    note: 'The board is satisfied that the learning is embedded.',
    status: 'closed',
  })
}

/**
 * The demo seed's one call: the action plan of the demo review "Child M", written by the demo coordinator.
 * Contract: does nothing (returns 0) when the demo partnership, its coordinator or "Child M" is missing, or
 * when the plan is already there. Returns the number of actions added.
 */
export async function seedChildMActionPlan(
  recommendations: RecommendationService,
  core: {
    readonly partnerships: { findByName(name: string): Promise<{ id: string } | undefined> }
    readonly users: Pick<UserDirectory, 'findByEmail'>
    readonly reviews: Pick<ReviewService, 'list'>
  },
  today: IsoDate,
): Promise<number> {
  const partnership = await core.partnerships.findByName(DEMO_PARTNERSHIP_NAME)
  const user = await core.users.findByEmail('coordinator@marlshire.example')
  if (!partnership || !user) return 0
  const coordinator: Actor = {
    userId: user.id,
    email: user.email,
    displayName: user.displayName,
    role: 'coordinator',
    partnershipId: partnership.id,
    agencyId: null,
    ip: null,
    userAgent: 'demo seed',
  }
  const review = (await core.reviews.list(coordinator)).find((item) => item.review.pseudonym === 'Child M')?.review
  if (!review) return 0
  return seedDemoActionPlan(recommendations, coordinator, review.id, today)
}
