import type { MatrixArea, Who } from './area.ts'

/** Readers of the matrix review's other children (the panel member is not a member of it, so is refused). */
const READERS: Who[] = ['coordinator', 'chair', 'lead_reviewer']

/** Rows of the authorisation matrix for other children at risk (see `area.ts`): coordinators record and confirm. */
export const area: MatrixArea = {
  rows: [
    { method: 'GET', url: '/reviews/:id/children-at-risk', allowed: READERS },
    { method: 'GET', url: '/reviews/:id/children-at-risk/new', allowed: ['coordinator'] },
    { method: 'POST', url: '/reviews/:id/children-at-risk/new', allowed: ['coordinator'] },
    { method: 'GET', url: '/reviews/:id/children-at-risk/:childAtRiskId', allowed: ['coordinator'] },
    { method: 'POST', url: '/reviews/:id/children-at-risk/:childAtRiskId', allowed: ['coordinator'] },
    { method: 'GET', url: '/reviews/:id/children-at-risk/:childAtRiskId/confirm', allowed: ['coordinator'] },
    { method: 'POST', url: '/reviews/:id/children-at-risk/:childAtRiskId/confirm', allowed: ['coordinator'] },
  ],
  /** One sibling of the matrix review, its safety action owned by the police. */
  async setup({ services, reviewId, coordinator, policeAgencyId }) {
    const { id } = await services.childrenAtRisk.add(coordinator, reviewId, {
      name: 'Matrix Sibling',
      age: '5',
      relationship: 'sibling',
      relationshipDetail: '',
      concern: 'Matrix concern',
      safetyAction: 'Matrix safety action',
      agencyId: policeAgencyId,
      responsiblePerson: 'Matrix officer',
      dueDate: '2099-01-31',
    })
    return { childAtRiskId: id }
  },
}
