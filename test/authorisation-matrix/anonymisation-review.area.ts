import type { MatrixArea } from './area.ts'

/** Who may see the anonymisation of a document: as for the document page. */
const DOCUMENT_READERS = ['coordinator', 'chair', 'lead_reviewer'] as const

/**
 * Decisions on a document's anonymisation made by choosing a replacement or words. The slice uses a
 * document of its own (its `:docId`): the shared one loses its person when the remove rows run, and a
 * phone number is a replacement whatever the cast holds.
 */
export const area: MatrixArea = {
  rows: [
    { method: 'GET', url: '/reviews/:id/documents/:docId/replacements/:replacementNo', allowed: DOCUMENT_READERS },
    { method: 'POST', url: '/reviews/:id/documents/:docId/replacements/:replacementNo', allowed: DOCUMENT_READERS },
    { method: 'GET', url: '/reviews/:id/documents/:docId/mask', allowed: DOCUMENT_READERS },
    { method: 'POST', url: '/reviews/:id/documents/:docId/mask', allowed: DOCUMENT_READERS },
  ],
  setup: async ({ services, reviewId, coordinator }) => ({
    docId: await services.caseKnowledge.createDocument(coordinator, reviewId, 'Matrix decisions', 'Rang 07700 900123.'),
    replacementNo: '1',
  }),
}
