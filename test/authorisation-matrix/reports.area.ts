import type { MatrixArea, Who } from './area.ts'

/** Readers of the review's reports: its partnership's coordinator and chair, and members (the lead reviewer). */
const READERS: Who[] = ['coordinator', 'chair', 'lead_reviewer']
/** `report.write`: coordinators and lead reviewers. */
const WRITERS: Who[] = ['coordinator', 'lead_reviewer']
/** `review.comment` within the review (the panel member is not a member of the matrix review). */
const COMMENTERS: Who[] = ['coordinator', 'chair', 'lead_reviewer']

/** Rows of the authorisation matrix for the overview report and executive summary (see `area.ts`). */
export const area: MatrixArea = {
  rows: [
    { method: 'GET', url: '/reviews/:id/report', allowed: READERS },
    { method: 'GET', url: '/reviews/:id/report/:reportKind', allowed: READERS },
    { method: 'POST', url: '/reviews/:id/report/:reportKind/anonymisation', allowed: WRITERS },
    { method: 'GET', url: '/reviews/:id/report/:reportKind/sections/:reportSection', allowed: READERS },
    { method: 'POST', url: '/reviews/:id/report/:reportKind/sections/:reportSection', allowed: WRITERS },
    { method: 'POST', url: '/reviews/:id/report/:reportKind/sections/:reportSection/comments', allowed: COMMENTERS },
    { method: 'POST', url: '/reviews/:id/report/:reportKind/comments/:reportCommentId/resolve', allowed: WRITERS },
    { method: 'GET', url: '/reviews/:id/report/:reportKind/versions', allowed: READERS },
    // Without ?from=&to= the page asks which versions to compare (400, the form with its errors).
    { method: 'GET', url: '/reviews/:id/report/:reportKind/compare', allowed: READERS, alsoWorking: [400] },
    { method: 'GET', url: '/reviews/:id/report/:reportKind/import', allowed: WRITERS },
    { method: 'POST', url: '/reviews/:id/report/:reportKind/import', allowed: WRITERS },
    { method: 'GET', url: '/reviews/:id/report/:reportKind/export/:format', allowed: READERS },
  ],
  async setup({ services, reviewId, leadReviewer }) {
    // A draft to export (an empty report cannot be exported).
    await services.reports.saveSection(leadReviewer, reviewId, 'overview_report', 'findings', 'Matrix findings.', 0)
    const commentId = await services.reports.addComment(
      leadReviewer,
      reviewId,
      'overview_report',
      'findings',
      'A comment for the matrix.',
    )
    return { reportKind: 'overview-report', reportSection: 'findings', reportCommentId: commentId, format: 'html' }
  },
}
