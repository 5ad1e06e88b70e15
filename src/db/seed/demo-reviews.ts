import type { Actor } from '../../modules/access/actor.ts'
import { addCalendarDays, type IsoDate } from '../../modules/clocks/plain-date.ts'
import { addWorkingDays } from '../../modules/clocks/working-days.ts'
import { DECISION_CRITERIA, type Decision, type ReviewChild } from '../../modules/reviews/review.ts'
import type { NotificationInput, ReviewService } from '../../modules/reviews/review.service.ts'

const child = (name: string, dateOfBirth: IsoDate | null, extra: Partial<ReviewChild> = {}): ReviewChild => ({
  name,
  dateOfBirth,
  ageText: null,
  sex: null,
  ethnicGroup: null,
  disability: null,
  lookedAfter: false,
  childProtectionPlan: false,
  knownToSocialCare: false,
  ...extra,
})

const criteria = (met: string[], evidence: string): Decision['criteria'] =>
  Object.fromEntries(
    DECISION_CRITERIA.map((c) => [
      c.key,
      met.includes(c.key) ? { answer: 'met', evidence } : { answer: 'not_met', evidence: '' },
    ]),
  ) as Decision['criteria']

/**
 * Seed the demo partnership's reviews, all invented: the demo case "Child M" (commissioned and
 * gathering information, its completion clock overdue, publication embargoed), a notification
 * due soon, a rapid review that is overdue, a decision not to review (closed) and a draft.
 * Dates are relative to `today` so that the clocks show every status.
 */
export async function seedDemoReviews(
  reviews: ReviewService,
  actors: { coordinator: Actor; chair: Actor; reviewerUserId: string; panelUserId: string },
  today: IsoDate,
): Promise<void> {
  const { coordinator, chair } = actors
  const version = async (id: string) => (await reviews.get(coordinator, id)).review.version
  const move = async (id: string, to: Parameters<ReviewService['moveStage']>[3]) =>
    reviews.moveStage(coordinator, id, await version(id), to, null)

  // The demo case (../shared/data/demo-case): a nine-month-old with a non-accidental head injury.
  const childM: NotificationInput = {
    incidentDate: '2024-03-18',
    awareDate: '2024-03-18',
    panelNotifiedDate: '2024-03-21',
    nature: 'serious_harm',
    abuseOrNeglect: 'suspected',
    agenciesInvolved: [
      'Marlshire Police',
      "Marlshire Children's Social Care",
      'Marlshire Health Visiting Service',
      'GP practices (Marlshire Integrated Care Board)',
      'Marlshire Hospitals NHS Foundation Trust',
      'Marlshire Recovery Partnership',
      'Early years: Marlshire nurseries',
    ],
    outline:
      'A nine-month-old baby was admitted with bilateral subdural and retinal haemorrhages and older rib and metaphyseal fractures while in the sole care of her mother’s partner.',
    pseudonym: 'Child M',
    children: [
      child('Maisie Rose Calloway', '2023-06-14', { sex: 'female', ethnicGroup: 'white', knownToSocialCare: true }),
      child('Harley James Calloway', '2019-11-02', { sex: 'male', ethnicGroup: 'white', knownToSocialCare: true }),
    ],
  }
  const m = await reviews.createNotification(coordinator, childM, true)
  await move(m, 'rapid_review')
  await reviews.requestAgencySummary(coordinator, m, await version(m), 'Marlshire Police', '2024-03-27')
  await reviews.recordAgencySummary(
    coordinator,
    m,
    await version(m),
    'Marlshire Police',
    '2024-03-26',
    'Domestic incidents known from October 2022; the partner was known under several names.',
  )
  await reviews.recordRapidReviewMeeting(coordinator, m, await version(m), {
    meetingDate: '2024-04-05',
    outcome:
      'Criteria for a local child safeguarding practice review are met; learning on information sharing between police and children’s social care.',
    recommendedNextStep: 'Local child safeguarding practice review',
    sentToPanelDate: '2024-04-08',
  })
  await reviews.recordDecision(chair, m, await version(m), {
    criteria: criteria(
      ['serious_harm', 'inter_agency_concerns'],
      'Non-accidental head injury; information not shared between agencies',
    ),
    outcome: 'local_review',
    rationale:
      'Serious harm with abuse suspected, and clear concerns about how agencies shared information about adults in the household.',
    decidedOn: '2024-04-15',
    panelToldOn: '2024-04-16',
  })
  await move(m, 'decided')
  await reviews.recordCommissioning(coordinator, m, await version(m), {
    scopeStart: '2022-10-01',
    scopeEnd: '2024-03-31',
    linesOfEnquiry: [
      'How did agencies identify and respond to domestic abuse in the household?',
      'Who knew about the mother’s partner, under which names, and was it shared?',
      'How was bruising in a non-mobile baby responded to?',
    ],
    methodology: 'SCIE Learning Together (systems model)',
    leadReviewers: 'Independent lead reviewer',
    panelMembers: 'Police, children’s social care, health visiting, GP, hospital trust, substance misuse service',
    familyInvolvement:
      'The mother and maternal grandmother will be invited to meet the lead reviewer after the criminal trial.',
    parallelProcesses: [
      {
        kind: 'criminal_proceedings',
        reference: 'Crown Court trial',
        status: 'ongoing',
        expectedEnd: addCalendarDays(today, 90),
      },
    ],
  })
  await move(m, 'commissioned')
  await move(m, 'information_gathering')
  await reviews.addMember(coordinator, m, actors.reviewerUserId, 'lead_reviewer')
  await reviews.addMember(coordinator, m, actors.panelUserId, 'panel_member')

  // A new notification: the authority became aware 3 working days ago; the Panel not yet told.
  await reviews.createNotification(
    coordinator,
    {
      incidentDate: addWorkingDays(today, -4),
      awareDate: addWorkingDays(today, -3),
      panelNotifiedDate: null,
      nature: 'death',
      abuseOrNeglect: 'suspected',
      agenciesInvolved: ['Marlshire Police', 'Marlshire Hospitals NHS Foundation Trust'],
      outline:
        'A four-month-old baby died after being found unresponsive; co-sleeping after parental alcohol use is suspected.',
      pseudonym: 'Baby P',
      children: [child('Poppy Demo-Example', addCalendarDays(today, -125), { sex: 'female' })],
    },
    true,
  )

  // A rapid review that is overdue: notified 20 working days ago, nothing sent yet.
  const k = await reviews.createNotification(
    coordinator,
    {
      incidentDate: addWorkingDays(today, -23),
      awareDate: addWorkingDays(today, -22),
      panelNotifiedDate: addWorkingDays(today, -20),
      nature: 'serious_harm',
      abuseOrNeglect: 'known',
      agenciesInvolved: ['Marlshire Police', 'Marlshire Schools (Education)', 'Marlshire CAMHS'],
      outline:
        'A 15-year-old was seriously assaulted after being criminally exploited; missing from education for months.',
      pseudonym: 'Child K',
      children: [
        child('Kai Demo-Example', addCalendarDays(today, -15 * 365), { sex: 'male', knownToSocialCare: true }),
      ],
    },
    true,
  )
  await move(k, 'rapid_review')

  // A decision not to review, as complete a record as a decision to review; closed.
  const t = await reviews.createNotification(
    coordinator,
    {
      incidentDate: '2026-06-01',
      awareDate: '2026-06-02',
      panelNotifiedDate: '2026-06-04',
      nature: 'serious_harm',
      abuseOrNeglect: 'suspected',
      agenciesInvolved: ['Marlshire Hospitals NHS Foundation Trust'],
      outline: 'A toddler was admitted with a fracture; medical investigation found a bone condition.',
      pseudonym: 'Child T',
      children: [child('Tia Demo-Example', '2024-08-20', { sex: 'female' })],
    },
    true,
  )
  await move(t, 'rapid_review')
  await reviews.recordRapidReviewMeeting(coordinator, t, await version(t), {
    meetingDate: '2026-06-18',
    outcome: 'Injury explained by a medical condition; agencies worked well together.',
    recommendedNextStep: 'No review; share the good practice',
    sentToPanelDate: '2026-06-19',
  })
  await reviews.recordDecision(chair, t, await version(t), {
    criteria: criteria([], ''),
    outcome: 'no_review',
    rationale:
      'The injury was found to have a medical cause; no abuse or neglect, and no concerns about how agencies worked together.',
    decidedOn: '2026-06-22',
    panelToldOn: '2026-06-23',
  })
  await move(t, 'decided')
  await move(t, 'closed')

  // A draft, saved part-way through.
  await reviews.createNotification(
    coordinator,
    {
      incidentDate: addWorkingDays(today, -1),
      awareDate: null,
      panelNotifiedDate: null,
      nature: null,
      abuseOrNeglect: null,
      agenciesInvolved: [],
      outline: '',
      pseudonym: null,
      children: [child('Draft Demo-Child', null)],
    },
    false,
  )
}
