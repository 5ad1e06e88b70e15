import type { Actor } from '../../src/modules/access/actor.ts'
import { emptySections } from '../../src/modules/agency-reports/agency-report.ts'
import { makeDocx } from '../fixtures/documents.fixture.ts'
import type { MatrixArea, Who } from './area.ts'

/** Readers of the review (the panel member is not a member of the matrix review) and the police contributor. */
const READERS: Who[] = ['coordinator', 'chair', 'lead_reviewer', 'agency_contributor']
const CONTRIBUTOR: Who[] = ['agency_contributor']

/**
 * Agency reports (issue 5). `setup` asks the police for an agency report and has its contributor upload a
 * Word document and submit the report, so readers can open it (`:agencyId` is the police agency).
 * The harmless POST body saves nothing: the submitted report refuses it as stale (409) and the upload has
 * no file (400), both "allowed" answers.
 */
export const area: MatrixArea = {
  rows: [
    { method: 'GET', url: '/reviews/:id/agency-reports', allowed: READERS },
    { method: 'GET', url: '/reviews/:id/agency-reports/own', allowed: CONTRIBUTOR },
    { method: 'POST', url: '/reviews/:id/agency-reports/own', allowed: CONTRIBUTOR },
    { method: 'POST', url: '/reviews/:id/agency-reports/own/document', allowed: CONTRIBUTOR },
    { method: 'GET', url: '/reviews/:id/agency-reports/:agencyId', allowed: READERS },
    { method: 'GET', url: '/reviews/:id/agency-reports/:agencyId/document', allowed: READERS },
  ],
  async setup(context) {
    const { services, reviewId, coordinator, policeAgencyId } = context
    await services.database.db
      .insertInto('agency_request')
      .values({
        id: 'matrix-agency-report-request',
        review_id: reviewId,
        agency_id: policeAgencyId,
        kind: 'agency_report',
        due_date: '2099-01-31',
        status: 'requested',
        requested_by: coordinator.userId,
        created_at: new Date().toISOString(),
        submitted_at: null,
      })
      .execute()
    const user = (await services.repositories.users.findByEmail('police.contributor@marlshire.example'))!
    const police: Actor = {
      ...coordinator,
      userId: user.id,
      email: user.email,
      displayName: user.displayName,
      role: 'agency_contributor',
      agencyId: policeAgencyId,
    }
    await services.agencyReports.uploadDocument(police, reviewId, {
      fileName: 'matrix.docx',
      data: await makeDocx(['Matrix agency report']),
    })
    await services.agencyReports.submit(
      police,
      reviewId,
      {
        authorName: 'Matrix Author',
        authorRole: 'Inspector',
        authorIndependent: 'yes',
        independenceExplanation: '',
        requestDate: '2026-11-01',
        recordsSecuredDate: '2026-11-02',
        termsOfReference: 'Matrix terms.',
        sections: emptySections(),
      },
      1,
    )
    return { agencyId: policeAgencyId }
  },
}
