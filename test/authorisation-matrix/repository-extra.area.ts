import type { MatrixArea } from './area.ts'

const CURATORS = ['coordinator', 'administrator'] as const

/**
 * Rows of the authorisation matrix for this slice (see `area.ts`): the bulk upload of published
 * reports and the API's routes added after the main table. `:bulkBatchId` is a bulk upload held
 * for the demo coordinator (the administrator, also a curator, is sent back to the upload form).
 */
export const area: MatrixArea = {
  rows: [
    { method: 'GET', url: '/repository/ingest/bulk', allowed: CURATORS },
    { method: 'POST', url: '/repository/ingest/bulk', allowed: CURATORS },
    { method: 'GET', url: '/repository/ingest/bulk/:bulkBatchId', allowed: CURATORS },
    { method: 'POST', url: '/repository/ingest/bulk/:bulkBatchId/confirm', allowed: CURATORS },
  ],
  async setup(context) {
    const batch = await context.services.publishedReviewIngest.holdBulk(context.coordinator, {
      files: [
        {
          fileName: 'matrix.html',
          contentType: 'text/html',
          data: new TextEncoder().encode('<p>Matrix Child was neglected. Published 2024. Child X.</p>'),
        },
      ],
      csv: {
        fileName: 'matrix.csv',
        contentType: 'text/csv',
        data: new TextEncoder().encode(
          'file,pseudonym,year,review_type,summary\nmatrix.html,Child X,2024,lcspr,A summary',
        ),
      },
    })
    return { bulkBatchId: batch.id }
  },
}
