import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Services } from '../../../../composition.ts'
import { AGENCY_REPORT_SECTIONS } from '../../../../modules/agency-reports/agency-report.ts'
import { emptyContent, StaleReportError } from '../../../../modules/agency-reports/agency-report.service.ts'
import { MAX_DOCX_BYTES } from '../../../../modules/agency-reports/docx-upload.ts'
import { formatLongDate, type IsoDate } from '../../../../modules/clocks/plain-date.ts'
import { ValidationError, type FieldError } from '../../../../modules/errors.ts'
import { registerUploadRoutes, requirePermissionBeforeUpload, type UploadedFormFile } from '../../../plugins/uploads.ts'
import {
  agencyReportAccess,
  contentFromValues,
  formValues,
  valuesFromContent,
  versionOf,
  type FormValues,
} from '../common.ts'
import { errorSummary, formFailure } from '../../../form.ts'

const VIEW = 'routes/agency-reports/form/view.njk'

const SAVED_MESSAGES: Record<string, string> = {
  draft: 'Your draft has been saved. Nobody outside your agency sees it until you submit it.',
  document: 'Your Word document has been uploaded. Complete the report details and submit the report when it is ready.',
}

const STALE_MESSAGE =
  'Someone else saved this report after you opened it. Your text is still below: check it against the saved report, then save again'

/** Header fields the upload may fill in, as the banner names them. */
const FILLED_NAMES: Record<string, string> = {
  authorName: 'the author’s name',
  authorRole: 'the author’s role',
  requestDate: 'the date of the request',
  recordsSecuredDate: 'the date the agency’s records were secured',
}

/** The upload form's body, flattened by `registerUploadRoutes`. */
interface UploadBody {
  document?: UploadedFormFile | string
}

/** The sections as the form shows them: a heading before the first of each group. */
const FORM_SECTIONS = AGENCY_REPORT_SECTIONS.map((s, i) => ({
  key: s.key,
  label: s.label,
  hint: s.hint ? { text: s.hint } : undefined,
  heading: i === 0 || AGENCY_REPORT_SECTIONS[i - 1].group !== s.group ? s.group : null,
}))

type Query = { saved?: string; filled?: string }
type Request = FastifyRequest<{ Params: { id: string }; Querystring: Query }>

/** The success banner after a redirect: what was saved, and which fields the document filled in. */
function bannerFor(query: Query | undefined): string | null {
  const saved = query?.saved ? (SAVED_MESSAGES[query.saved] ?? null) : null
  const filled = (query?.filled ?? '')
    .split(',')
    .map((f) => FILLED_NAMES[f])
    .filter(Boolean)
  if (!saved || filled.length === 0) return saved
  const list = filled.length === 1 ? filled[0] : `${filled.slice(0, -1).join(', ')} and ${filled.at(-1)}`
  return `${saved} We filled in ${list} from it: check ${filled.length === 1 ? 'it' : 'them'}.`
}

/**
 * The agency contributor's own report:
 * - `GET /reviews/:id/agency-reports/own`: the structured form (header, then the sections), and the Word upload;
 * - `POST /reviews/:id/agency-reports/own`: "Save as draft" (any time) or "Submit" (checked then), with the
 *   version the form was opened at (a stale save is refused and the typed text shown again);
 * - `POST /reviews/:id/agency-reports/own/document`: upload the report as a Word document (multipart, in the
 *   shared upload scope: refused before the body is read without `agencyReport.write`).
 */
export function formRoutes(app: FastifyInstance, services: Services): void {
  const reports = services.agencyReports

  const show = async (
    request: Request,
    reply: FastifyReply,
    options: { status?: number; errors?: FieldError[]; values?: FormValues; stale?: boolean } = {},
  ) => {
    const own = await reports.ownReport(request.actor!, request.params.id)
    const stored = own.report ?? { ...emptyContent(own.request), version: 0, status: 'draft' as const }
    // After a stale save: the typed text, with the current version so the next save is an informed overwrite.
    const values = options.values
      ? { ...options.values, version: String(stored.version) }
      : valuesFromContent(stored, stored.version)
    return reply.code(options.status ?? 200).page(VIEW, {
      pageTitle: `Agency report – ${own.review.reference}`,
      review: own.review,
      agency: own.agency,
      due: formatLongDate(own.request.dueDate as IsoDate),
      submitted: own.report?.status === 'submitted' ? own.report : null,
      document: own.document,
      banner: options.errors ? null : bannerFor(request.query),
      stale: options.stale === true,
      errors: errorSummary(options.errors),
      values,
      sections: FORM_SECTIONS,
      maxMegabytes: MAX_DOCX_BYTES / 1024 / 1024,
    })
  }

  app.get<{ Params: { id: string }; Querystring: Query }>(
    '/reviews/:id/agency-reports/own',
    { config: agencyReportAccess('agencyReport.write') },
    async (request, reply) => show(request, reply),
  )

  app.post<{ Params: { id: string }; Querystring: Query }>(
    '/reviews/:id/agency-reports/own',
    { config: agencyReportAccess('agencyReport.write') },
    async (request, reply) => {
      const values = formValues(request.body)
      const submitting = (request.body as Record<string, unknown> | undefined)?.action === 'submit'
      const parsed = contentFromValues(values)
      try {
        if (!parsed.ok) throw new ValidationError(parsed.errors)
        if (submitting) {
          await reports.submit(request.actor!, request.params.id, parsed.content, versionOf(values))
          return reply.redirect(`/reviews/${request.params.id}/agency-reports?saved=submitted`, 303)
        }
        await reports.saveDraft(request.actor!, request.params.id, parsed.content, versionOf(values))
      } catch (error) {
        const failure = formFailure(error)
        if (failure) return show(request, reply, { ...failure, values })
        if (error instanceof StaleReportError) {
          return show(request, reply, {
            status: 409,
            errors: [{ field: 'authorName', message: STALE_MESSAGE }],
            values,
            stale: true,
          })
        }
        throw error
      }
      return reply.redirect(`/reviews/${request.params.id}/agency-reports/own?saved=draft`, 303)
    },
  )

  registerUploadRoutes(
    app,
    {
      // Twice the limit, so a file a little too big gets the service's own message rather than the generic one.
      maxFileBytes: MAX_DOCX_BYTES * 2,
      maxFields: 2,
      allowed: requirePermissionBeforeUpload(services.audit, 'agencyReport.write'),
    },
    (scope) => {
      scope.post<{ Params: { id: string }; Querystring: Query }>(
        '/reviews/:id/agency-reports/own/document',
        { config: agencyReportAccess('agencyReport.write') },
        async (request, reply) => {
          const body = (request.isMultipart() ? request.body : {}) as UploadBody
          try {
            if (!body.document || typeof body.document === 'string') {
              throw new ValidationError([{ field: 'document', message: 'Select a Word document (.docx)' }])
            }
            const { filled } = await reports.uploadDocument(request.actor!, request.params.id, {
              fileName: body.document.fileName,
              data: body.document.data,
            })
            const query = filled.length ? `saved=document&filled=${filled.join(',')}` : 'saved=document'
            return reply.redirect(`/reviews/${request.params.id}/agency-reports/own?${query}`, 303)
          } catch (error) {
            const failure = formFailure(error)
            if (failure) return show(request, reply, { ...failure })
            if (error instanceof StaleReportError) {
              return show(request, reply, {
                status: 409,
                errors: [
                  { field: 'document', message: 'This report has been submitted, so its document cannot be changed' },
                ],
              })
            }
            throw error
          }
        },
      )
    },
  )
}
