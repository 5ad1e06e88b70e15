import type { FastifyInstance, FastifyReply } from 'fastify'
import type { Services } from '../../../../composition.ts'
import { NotFoundError, ValidationError, type FieldError } from '../../../../modules/errors.ts'
import {
  AGE_BAND_LABELS,
  REVIEW_TYPE_LABELS,
  THEME_LABELS,
  THEMES,
  type AgeBand,
  type ReviewType,
  type Theme,
} from '../../../../modules/published-reviews/published-review.ts'
import {
  CSV_COLUMNS,
  MAX_BULK_FILE_BYTES,
  MAX_BULK_FILES,
  MAX_BULK_TOTAL_BYTES,
  MAX_CSV_BYTES,
} from '../../../../modules/published-reviews/ingest/bulk-metadata.ts'
import { BULK_HOLD_HOURS, type BulkBatchView } from '../../../../modules/published-reviews/ingest/ingest-batch.service.ts'
import { requirePermissionBeforeUpload } from '../../../plugins/uploads.ts'
import { curatorAccess, fileSize } from '../common.ts'
import { registerBulkUploadRoute, type BulkUploadBody } from './bulk-upload-scope.ts'
import { errorList } from '../../../form.ts'

const UPLOAD_VIEW = 'routes/repository/ingest-bulk/upload.njk'
const CHECK_VIEW = 'routes/repository/ingest-bulk/check.njk'

/** The limits as the form states them. */
const LIMITS = {
  files: MAX_BULK_FILES,
  fileSize: fileSize(MAX_BULK_FILE_BYTES),
  totalSize: fileSize(MAX_BULK_TOTAL_BYTES),
  csvSize: fileSize(MAX_CSV_BYTES),
  holdHours: BULK_HOLD_HOURS,
}

function uploadData(errors: FieldError[] = []) {
  return {
    pageTitle: 'Add many published reports',
    errors: errorList(errors),
    limits: LIMITS,
    columns: Object.entries(CSV_COLUMNS).map(([name, meaning]) => ({ name, meaning })),
    themes: THEMES.map((t) => ({ code: t, label: THEME_LABELS[t] })),
  }
}

/** What the check page shows of each row: values in words, where they came from, its problems. */
function checkData(batch: BulkBatchView, errors: FieldError[] = []) {
  const rowProblems = batch.rows.flatMap((r) =>
    r.problems.map((p) => ({ field: `row-${r.line}`, message: `Row ${r.line} (${r.fileName || 'no file'}): ${p}` })),
  )
  const uploadProblems = batch.problems.map((message) => ({ field: 'upload-problems', message }))
  return {
    pageTitle: batch.ready ? 'Check the reports before publishing' : 'There are problems with the upload',
    errors: errorList([...errors, ...uploadProblems, ...rowProblems]),
    batch,
    totalSize: fileSize(batch.totalBytes),
    rows: batch.rows.map((r) => ({
      id: `row-${r.line}`,
      line: r.line,
      fileName: r.fileName,
      title: r.values.title,
      pseudonym: r.values.pseudonym,
      year: r.values.year === null ? '' : String(r.values.year),
      reviewType: REVIEW_TYPE_LABELS[r.values.reviewType as ReviewType] ?? '',
      ageBand: AGE_BAND_LABELS[r.values.childAgeBand as AgeBand] ?? '',
      themes: r.values.themes.map((t) => THEME_LABELS[t as Theme] ?? t),
      recommendations: r.values.recommendations.length,
      suggested: Object.entries(r.sources)
        .filter(([, source]) => source === 'suggested')
        .map(([name]) => name),
      problems: r.problems,
    })),
  }
}

/**
 * The curators' bulk upload: many PDF, DOCX or HTML reports with a metadata CSV
 * (`GET/POST /repository/ingest/bulk`), the check page listing every row with its problems
 * (`GET /repository/ingest/bulk/:bulkBatchId`), and publishing all of them or none
 * (`POST /repository/ingest/bulk/:bulkBatchId/confirm`). The upload is held in the database.
 */
export function bulkIngestRoutes(app: FastifyInstance, services: Services): void {
  const ingest = services.publishedReviewIngest

  app.get('/repository/ingest/bulk', { config: curatorAccess }, async (request, reply) => {
    const expired = (request.query as Record<string, unknown>).expired !== undefined
    return reply.page(
      UPLOAD_VIEW,
      uploadData(
        expired
          ? [{ field: 'files', message: 'That upload has expired or was already published. Upload the files again' }]
          : [],
      ),
    )
  })

  registerBulkUploadRoute(
    app,
    {
      // The reports and the CSV.
      maxFiles: MAX_BULK_FILES + 1,
      maxFileBytes: MAX_BULK_FILE_BYTES,
      maxTotalBytes: MAX_BULK_TOTAL_BYTES + MAX_CSV_BYTES,
      allowed: requirePermissionBeforeUpload(services.audit, 'repository.curate'),
      tooLarge: async (_request, reply) =>
        reply.code(413).page(
          UPLOAD_VIEW,
          uploadData([
            {
              field: 'files',
              message: `Upload at most ${MAX_BULK_FILES} reports at a time, each ${LIMITS.fileSize} or smaller and ${LIMITS.totalSize} in all`,
            },
          ]),
        ),
    },
    (scope) => {
      scope.post('/repository/ingest/bulk', { config: curatorAccess }, async (request, reply) => {
        const body: BulkUploadBody = request.isMultipart() ? (request.body as BulkUploadBody) : { files: [], csv: null }
        try {
          const batch = await ingest.holdBulk(request.actor!, { files: body.files, csv: body.csv })
          return reply.redirect(`/repository/ingest/bulk/${batch.id}`, 303)
        } catch (error) {
          if (error instanceof ValidationError) return reply.code(400).page(UPLOAD_VIEW, uploadData(error.errors))
          throw error
        }
      })
    },
  )

  app.get<{ Params: { bulkBatchId: string } }>(
    '/repository/ingest/bulk/:bulkBatchId',
    { config: curatorAccess },
    async (request, reply) => {
      const batch = await ingest.bulkBatch(request.actor!, request.params.bulkBatchId)
      if (!batch) return reply.redirect('/repository/ingest/bulk?expired=1', 303)
      return reply.page(CHECK_VIEW, checkData(batch))
    },
  )

  app.post<{ Params: { bulkBatchId: string } }>(
    '/repository/ingest/bulk/:bulkBatchId/confirm',
    { config: curatorAccess },
    async (request, reply: FastifyReply) => {
      const body = (request.body ?? {}) as Record<string, unknown>
      const confirmed = body.confirmedAnonymised === 'yes'
      try {
        const published = await ingest.confirmBulk(request.actor!, request.params.bulkBatchId, confirmed)
        return reply.redirect(`/repository/ingest?published=${published.length}`, 303)
      } catch (error) {
        if (error instanceof NotFoundError) {
          return reply.code(400).page(UPLOAD_VIEW, uploadData([{ field: 'files', message: error.message }]))
        }
        if (!(error instanceof ValidationError)) throw error
        const batch = await ingest.bulkBatch(request.actor!, request.params.bulkBatchId)
        if (!batch) throw error
        // Stored row problems are listed by the check page itself; any others are shown as well.
        const others = batch.ready ? error.errors : error.errors.filter((e) => e.field !== 'rows')
        return reply.code(400).page(CHECK_VIEW, checkData(batch, others))
      }
    },
  )
}
