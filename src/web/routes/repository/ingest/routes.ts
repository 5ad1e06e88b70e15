import type { FastifyInstance } from 'fastify'
import type { Services } from '../../../../composition.ts'
import { NotFoundError, ValidationError, type FieldError } from '../../../../modules/errors.ts'
import type { UploadedFile } from '../../../../modules/published-reviews/ingest/extract-text.ts'
import {
  AGE_BAND_LABELS,
  AGE_BANDS,
  INCIDENT_NATURE_LABELS,
  INCIDENT_NATURES,
  REVIEW_TYPE_LABELS,
  REVIEW_TYPES,
  reviewTitle,
  THEME_LABELS,
  THEMES,
  type Theme,
} from '../../../../modules/published-reviews/published-review.ts'
import type { SingleFileMetadata } from '../../../../modules/published-reviews/ingest/ingest-batch.service.ts'
import { anonymousAreaProblem, themeNatureProblem } from '../../../../modules/published-reviews/ingest/ingest-checks.ts'
import { publishInputSchema } from '../../../../modules/published-reviews/publish-input.ts'
import { registerUploadRoutes, requirePermissionBeforeUpload } from '../../../plugins/uploads.ts'
import { curatorAccess } from '../common.ts'
import { errorList } from '../../../form.ts'

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
  const ingest = services.publishedReviewIngest
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
        return reply.page('routes/repository/ingest/confirm.njk', {
          ...confirmData(),
          token: suggestion.batchId,
          fileName: suggestion.fileName,
          format: suggestion.format,
          evidence: s.themes,
          guessed: true,
          values: {
            // Never the file name: "publication.pdf" is no title. The first heading, or empty.
            title: s.title ?? '',
            pseudonym: s.pseudonym ?? '',
            year: s.year ? String(s.year) : '',
            anonymous: '',
            area: '',
            partnership: '',
            region: '',
            reviewType: s.reviewType ?? '',
            childAgeBand: s.childAgeBand ?? '',
            natureOfIncident: s.natureOfIncident ?? '',
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
    const action = field(body, 'action')
    const waiting = await ingest.heldFile(request.actor!, token)
    const values: DetailValues = {
      title: field(body, 'title').trim(),
      pseudonym: field(body, 'pseudonym'),
      year: field(body, 'year').trim(),
      anonymous: field(body, 'anonymous'),
      area: field(body, 'area'),
      partnership: field(body, 'partnership'),
      region: field(body, 'region'),
      reviewType: field(body, 'reviewType'),
      childAgeBand: field(body, 'childAgeBand'),
      natureOfIncident: field(body, 'natureOfIncident'),
      themes: list(body.themes),
      keywords: field(body, 'keywords'),
      summary: field(body, 'summary'),
      recommendations: field(body, 'recommendations'),
    }
    const checked = field(body, 'checked') === 'yes'
    const confirmedAnonymised = field(body, 'confirmedAnonymised') === 'yes'
    const expired = () =>
      reply
        .code(400)
        .page(
          'routes/repository/ingest/view.njk',
          formData([{ field: 'file', message: 'The uploaded file has expired. Upload it again' }]),
        )
    if (!waiting) return expired()
    const details = (errors: FieldError[]) =>
      reply.code(errors.length ? 400 : 200).page('routes/repository/ingest/confirm.njk', {
        ...confirmData(),
        errors: errorList(errors),
        token,
        fileName: waiting.fileName,
        format: waiting.format,
        evidence: [],
        guessed: false,
        checked: checked && errors.length === 0,
        confirmedAnonymised,
        values,
      })
    // "Change" goes back to the form with everything as entered; the boxes must be ticked again.
    if (action === 'change') return details([])
    const metadata = toMetadata(values, confirmedAnonymised)
    const errors = checkDetails(values, metadata, checked)
    if (errors.length) return details(errors)
    if (action !== 'publish') {
      // Nothing goes public before the curator has seen the entry exactly as it will appear.
      return reply.page('routes/repository/ingest/preview.njk', {
        pageTitle: 'Check the entry before publishing',
        token,
        fileName: waiting.fileName,
        values,
        entryTitle: reviewTitle(metadata.year, metadata.area, metadata.pseudonym),
        areaText: metadata.area ?? 'Anonymous',
        themeLabels: values.themes.map((t) => THEME_LABELS[t as Theme] ?? t),
        hidden: hiddenFields(values),
      })
    }
    try {
      const review = await ingest.confirmFile(request.actor!, token, metadata)
      return reply.redirect(`/repository/reviews/${review.id}`, 303)
    } catch (error) {
      if (error instanceof NotFoundError) return expired()
      if (!(error instanceof ValidationError)) throw error
      return details(error.errors.map((e) => ({ ...e, field: e.field === 'form' ? 'pseudonym' : e.field })))
    }
  })
}

/** The details form's values, as entered (strings, so that bad input is shown back as typed). */
interface DetailValues {
  title: string
  pseudonym: string
  year: string
  /** "yes" to publish as Anonymous, "no" to show the area, "" when not chosen. */
  anonymous: string
  area: string
  partnership: string
  region: string
  reviewType: string
  childAgeBand: string
  natureOfIncident: string
  themes: string[]
  keywords: string
  summary: string
  recommendations: string
}

function split(text: string, separator: RegExp): string[] {
  return text
    .split(separator)
    .map((s) => s.trim())
    .filter(Boolean)
}

function toMetadata(values: DetailValues, confirmedAnonymised: boolean): SingleFileMetadata {
  const year = /^\d{4}$/.test(values.year) ? Number(values.year) : Number.NaN
  const anonymous = values.anonymous !== 'no'
  // An Anonymous entry publishes no area, partnership or region: they are asked only to check the summary.
  const orNull = (text: string) => (anonymous || !text.trim() ? null : text.trim())
  return {
    documentTitle: values.title,
    pseudonym: values.pseudonym,
    year,
    area: orNull(values.area),
    partnership: orNull(values.partnership),
    region: orNull(values.region),
    reviewType: values.reviewType as never,
    childAgeBand: (values.childAgeBand || null) as never,
    natureOfIncident: (values.natureOfIncident || null) as never,
    themes: values.themes as never,
    keywords: split(values.keywords, /[,;\n]/),
    summary: values.summary,
    recommendations: split(values.recommendations, /\n\s*\n/),
    confirmedAnonymised: confirmedAnonymised as true,
    ...(anonymous
      ? { anonymousNames: { area: values.area, partnership: values.partnership, region: values.region } }
      : {}),
  }
}

/** Every problem with the details at once, in the order of the form. */
function checkDetails(values: DetailValues, metadata: SingleFileMetadata, checked: boolean): FieldError[] {
  const errors: FieldError[] = []
  if (!values.title) errors.push({ field: 'title', message: 'Enter the title of the document' })
  else if (values.title.length > 200)
    errors.push({ field: 'title', message: 'The title of the document must be 200 characters or fewer' })
  const thisYear = new Date().getUTCFullYear()
  if (!values.year) errors.push({ field: 'year', message: 'Enter the year the report was published' })
  else if (!Number.isInteger(metadata.year) || metadata.year < 1950 || metadata.year > thisYear)
    errors.push({ field: 'year', message: `The year must be a real year, like 2024, and not after ${thisYear}` })
  if (values.anonymous !== 'yes' && values.anonymous !== 'no')
    errors.push({ field: 'anonymous', message: 'Select whether to show the area or publish as Anonymous' })
  if (!values.area.trim())
    errors.push({
      field: 'area',
      message: 'Enter the area of the review (it is used to check the summary even when published as Anonymous)',
    })
  const parsed = publishInputSchema.safeParse({ ...metadata, documents: [] })
  if (!parsed.success)
    for (const issue of parsed.error.issues) {
      const name = String(issue.path[0] ?? 'form')
      if (name === 'year' || name === 'documents' || errors.some((e) => e.field === name)) continue
      errors.push({ field: name === 'form' ? 'pseudonym' : name, message: issue.message })
    }
  const nature = themeNatureProblem(values.themes as Theme[], (values.natureOfIncident || null) as never)
  if (nature) errors.push({ field: 'themes', message: nature })
  if (values.anonymous === 'yes') {
    const leak = anonymousAreaProblem(values.summary, values)
    if (leak && !errors.some((e) => e.field === 'summary')) errors.push({ field: 'summary', message: leak })
  }
  if (!checked)
    errors.push({ field: 'checked', message: 'Confirm that you have checked the details suggested from the document' })
  return errors
}

/** The values as hidden fields of the confirmation page, so that Publish and Change lose nothing. */
function hiddenFields(values: DetailValues): Array<{ name: string; value: string }> {
  const { themes, ...single } = values
  return [
    ...Object.entries(single).map(([name, value]) => ({ name, value })),
    ...themes.map((value) => ({ name: 'themes', value })),
  ]
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
