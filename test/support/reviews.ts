import type { Services } from '../../src/composition.ts'
import type { Actor } from '../../src/modules/access/actor.ts'
import type { ReviewChild } from '../../src/modules/reviews/review.ts'
import type { NotificationInput } from '../../src/modules/reviews/review.service.ts'

/** The one child of a test notification unless a test says otherwise (invented). */
export const TEST_CHILD: ReviewChild = {
  name: 'Test Child',
  dateOfBirth: '2023-06-14',
  ageText: null,
  sex: null,
  ethnicGroup: null,
  disability: null,
  lookedAfter: false,
  childProtectionPlan: false,
  knownToSocialCare: false,
}

/**
 * Notify a serious incident and submit the notification, as `coordinator`: a review for tests that
 * need one to exist. Every field has an invented default; `child` changes the one child's fields.
 * Resolves to the review's id.
 */
export async function createSubmittedReview(
  app: { services: Services },
  coordinator: Actor,
  input: Partial<Omit<NotificationInput, 'children'>> & { child?: Partial<ReviewChild> } = {},
): Promise<string> {
  const { child, ...notification } = input
  return app.services.reviews.createNotification(
    coordinator,
    {
      incidentDate: '2024-03-18',
      awareDate: '2024-03-18',
      panelNotifiedDate: '2024-03-20',
      nature: 'serious_harm',
      abuseOrNeglect: 'suspected',
      agenciesInvolved: [],
      outline: 'A review made for a test.',
      pseudonym: 'Child T',
      ...notification,
      children: [{ ...TEST_CHILD, ...child }],
    },
    true,
  )
}
