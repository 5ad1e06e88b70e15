import type { MatrixArea } from './area.ts'

const READERS = ['coordinator', 'chair', 'lead_reviewer', 'agency_contributor'] as const
const SUBMITTERS = ['coordinator', 'agency_contributor'] as const

/**
 * The integrated chronology's own views and the confirmations before drafts are submitted or discarded
 * (issue 11). The views are read like the chronology itself; confirming, submitting and discarding are for
 * the people who submit (the asked agency's contributor, coordinators). `setup` makes a police draft, so the
 * confirmation pages have something to confirm (a coordinator who names no agency, or a later row finding no drafts, is answered 400: allowed, not refused).
 */
export const area: MatrixArea = {
  rows: [
    { method: 'GET', url: '/reviews/:id/chronology/gaps', allowed: READERS },
    { method: 'GET', url: '/reviews/:id/chronology/links', allowed: READERS },
    { method: 'GET', url: '/reviews/:id/chronology/submit', allowed: SUBMITTERS, alsoWorking: [400] },
    { method: 'GET', url: '/reviews/:id/chronology/drafts/discard', allowed: SUBMITTERS, alsoWorking: [400] },
    { method: 'POST', url: '/reviews/:id/chronology/drafts/discard', allowed: SUBMITTERS },
  ],
  async setup({ services, reviewId, coordinator, policeAgencyId }) {
    await services.chronology.entries.saveEntry(coordinator, reviewId, {
      agencyId: policeAgencyId,
      date: '5 October 2022',
      time: '',
      sourceRecord: 'MP/22/0002',
      practitionerRole: 'Police officer',
      peopleInvolved: '',
      event: 'Matrix police draft',
      actionTaken: '',
      outcome: '',
      significance: '',
    })
    return {}
  },
}
