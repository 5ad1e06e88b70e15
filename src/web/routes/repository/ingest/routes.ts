import type { FastifyInstance } from 'fastify'
import type { Services } from '../../../../composition.ts'
import { NotFoundError, ValidationError, type FieldError } from '../../../../modules/errors.ts'
import type { UploadedFile } from '../../../../modules/repository/ingest/extract-text.ts'
import {
  AGE_BAND_LABELS,
  AGE_BANDS,
  INCIDENT_NATURE_LABELS,
  INCIDENT_NATURES,
  REVIEW_TYPE_LABELS,
  REVIEW_TYPES,
  THEME_LABELS,
  THEMES,
} from '../../../../modules/repository/published-review.ts'
import { errorList } from '../../../plugins/pages.ts'
import { registerUploadRoutes, requirePermissionBeforeUpload } from '../../../plugins/uploads.ts'
import { curatorAccess } from '../common.ts'

/** Largest file a curator may upload. */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024
/** The upload form's parsed multipart body (after the hook below). */
interface UploadBody {
  _csrf?: string
  file?: UploadedFile
}

function field(body: Record<string, unknown>, name: string): string {
  const value = body[name]
  return typeof value === 'string' ? value : ''
}

function list(value: unknown): string[] {
  return (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter(
    (v): v is string => typeof v === 'string',
  )
}

/**
 * The curators' ingestion pages: upload a PDF, DOCX or HTML report (`GET/POST /repository/ingest`),
 * confirm or correct the suggested metadata, and publish (`POST /repository/ingest/confirm`).
 *
 * Uploads are parsed by `@fastify/multipart`, registered only in this scope, with strict limits
 * (one file of at most 20 MB, five small fields). `attachFieldsToBody` puts the form's `_csrf`
 * field on `request.body` before the global CSRF check in `preHandler`, so the token never goes in
 * a URL. Who may upload is checked on `onRequest`, before any byte of the body is read.
 *
 * The uploaded file is held in the database until it is confirmed (for 60 minutes; see
 * IngestBatchService), so any server instance can take the confirm and a restart loses nothing.
 * The confirm form carries the held upload's id as `token`; only its curator can use it.
 */
export function ingestRoutes(app: FastifyInstance, services: Services): void {
  const ingest = services.publishedReviews.ingest
  const formData = (errors: FieldError[] = [], published = 0) => ({
    pageTitle: 'Add a published report',
    errors: errorList(errors),
    maxSize: '20 MB',
    published,
  })

  app.get('/repository/ingest', { config: curatorAccess }, async (request, reply) => {
    // After a bulk upload is published (post/redirect/get), say how many.
    const published = Number.parseInt(String((request.query as Record<string, unknown>).published ?? ''), 10)
    return reply.page(
      'routes/repository/ingest/view.njk',
      formData([], Number.isInteger(published) && published > 0 ? published : 0),
    )
  })

  // Uploads are parsed only in this scope; curators only, refused before the body is read.
  registerUploadRoutes(
    app,
    {
      maxFileBytes: MAX_UPLOAD_BYTES,
      maxFields: 5,
      allowed: requirePermissionBeforeUpload(services.audit, 'repository.curate'),
    },
    (scope) => {
      scope.post('/repository/ingest', { config: curatorAccess }, async (request, reply) => {
        const body = (request.isMultipart() ? request.body : {}) as UploadBody
        if (!body.file) {
          return reply
            .code(400)
            .page(
              'routes/repository/ingest/view.njk',
              formData([{ field: 'file', message: 'Select a PDF, Word (.docx) or HTML file' }]),
            )
        }
        let suggestion
        try {
          suggestion = await ingest.holdFile(request.actor!, body.file)
        } catch (error) {
          if (error instanceof ValidationError)
            return reply.code(400).page('routes/repository/ingest/view.njk', formData(error.errors))
          throw error
        }
        const s = suggestion.suggestions
        const token = suggestion.batchId
        return reply.page('routes/repository/ingest/confirm.njk', {
          ...confirmData(),
          token,
          fileName: suggestion.fileName,
          format: suggestion.format,
          evidence: s.themes,
          values: {
            title: suggestion.fileName.replace(/\.[a-z]+$/i, ''),
            pseudonym: s.pseudonym ?? '',
            year: s.year ? String(s.year) : '',
            area: '',
            region: '',
            reviewType: s.reviewType ?? '',
            childAgeBand: s.childAgeBand ?? '',
            natureOfIncident: '',
            themes: s.themes.map((t) => t.theme),
            keywords: '',
            summary:
              suggestion.text
                .split('\n')
                .find((p) => p.trim().length > 80)
                ?.slice(0, 1500) ?? '',
            recommendations: s.recommendations.join('\n\n'),
          },
        })
      })
    },
  )

  app.post('/repository/ingest/confirm', { config: curatorAccess }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>
    const token = field(body, 'token')
    const waiting = await ingest.heldFile(request.actor!, token)
    const values = {
      title: field(body, 'title'),
      pseudonym: field(body, 'pseudonym'),
      year: field(body, 'year'),
      area: field(body, 'area'),
      region: field(body, 'region'),
      reviewType: field(body, 'reviewType'),
      childAgeBand: field(body, 'childAgeBand'),
      natureOfIncident: field(body, 'natureOfIncident'),
      themes: list(body.themes),
      keywords: field(body, 'keywords'),
      summary: field(body, 'summary'),
      recommendations: field(body, 'recommendations'),
    }
    const expired = () =>
      reply
        .code(400)
        .page(
          'routes/repository/ingest/view.njk',
          formData([{ field: 'file', message: 'The uploaded file has expired. Upload it again' }]),
        )
    if (!waiting) return expired()
    const year = Number.parseInt(values.year, 10)
    const split = (text: string, separator: RegExp) =>
      text
        .split(separator)
        .map((s) => s.trim())
        .filter(Boolean)
    try {
      const review = await ingest.confirmFile(request.actor!, token, {
        documentTitle: values.title,
        pseudonym: values.pseudonym,
        year: Number.isInteger(year) ? year : (undefined as unknown as number),
        area: values.area,
        region: values.region,
        reviewType: values.reviewType as never,
        childAgeBand: (values.childAgeBand || null) as never,
        natureOfIncident: (values.natureOfIncident || null) as never,
        themes: values.themes as never,
        keywords: split(values.keywords, /[,;\n]/),
        summary: values.summary,
        recommendations: split(values.recommendations, /\n\s*\n/),
        confirmedAnonymised: (field(body, 'confirmedAnonymised') === 'yes') as true,
      })
      return reply.redirect(`/repository/reviews/${review.id}`, 303)
    } catch (error) {
      if (error instanceof NotFoundError) return expired()
      if (!(error instanceof ValidationError)) throw error
      const errors = error.errors.map((e) => ({ ...e, field: e.field === 'form' ? 'pseudonym' : e.field }))
      return reply.code(400).page('routes/repository/ingest/confirm.njk', {
        ...confirmData(),
        errors: errorList(errors),
        token,
        fileName: waiting.fileName,
        format: waiting.format,
        evidence: [],
        values,
      })
    }
  })
}

function confirmData() {
  return {
    pageTitle: 'Check the details before publishing',
    reviewTypes: REVIEW_TYPES.map((t) => ({ value: t, text: REVIEW_TYPE_LABELS[t] })),
    ageBands: AGE_BANDS.map((a) => ({ value: a, text: AGE_BAND_LABELS[a] })),
    natures: INCIDENT_NATURES.map((n) => ({ value: n, text: INCIDENT_NATURE_LABELS[n] })),
    themeOptions: THEMES.map((t) => ({ value: t, text: THEME_LABELS[t] })),
  }
}
