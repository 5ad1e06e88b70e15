import { SECOND_PARTNERSHIP_NAME, TWO_PARTNERSHIP_USER } from '../../src/db/seed/demo-second-partnership.ts'
import { ROLES } from '../../src/modules/access/permissions.ts'
import type { MatrixArea } from './area.ts'

/**
 * Several partnerships on one service: everyone signed in may choose among their own memberships
 * (the matrix's body names none, so the form is shown again), and a review of another partnership
 * (a draft notification of Fenbridge, made by its coordinator) is out of reach of every role of the
 * demo partnership, national roles included (a draft is not sent to the Panel).
 */
export const area: MatrixArea = {
  rows: [
    { method: 'GET', url: '/account/partnership', allowed: [...ROLES] },
    { method: 'POST', url: '/account/partnership', allowed: [...ROLES] },
    { method: 'GET', url: '/reviews/:otherPartnershipReviewId', allowed: [] },
    { method: 'GET', url: '/reviews/:otherPartnershipReviewId/notification', allowed: [] },
    { method: 'POST', url: '/reviews/:otherPartnershipReviewId/notification', allowed: [] },
    { method: 'GET', url: '/reviews/:otherPartnershipReviewId/people', allowed: [] },
    { method: 'GET', url: '/reviews/:otherPartnershipReviewId/chronology', allowed: [] },
  ],
  async setup({ services, coordinator }) {
    const fenbridge = (await services.repositories.partnerships.findByName(SECOND_PARTNERSHIP_NAME))!
    const jamie = (await services.repositories.users.findByEmail(TWO_PARTNERSHIP_USER.email))!
    const otherPartnershipReviewId = await services.reviews.createNotification(
      {
        ...coordinator,
        userId: jamie.id,
        email: jamie.email,
        displayName: jamie.displayName,
        partnershipId: fenbridge.id,
      },
      {
        incidentDate: '2026-11-02',
        awareDate: '2026-11-03',
        panelNotifiedDate: null,
        nature: 'serious_harm',
        abuseOrNeglect: 'suspected',
        agenciesInvolved: [],
        outline: 'Another partnership’s draft for the authorisation matrix.',
        pseudonym: 'Child O',
        children: [
          {
            name: 'Other Matrix Child',
            dateOfBirth: '2024-01-01',
            ageText: null,
            sex: null,
            ethnicGroup: null,
            disability: null,
            lookedAfter: false,
            childProtectionPlan: false,
            knownToSocialCare: false,
          },
        ],
      },
      false,
    )
    return { otherPartnershipReviewId }
  },
}
