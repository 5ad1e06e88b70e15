import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Services } from '../../../../composition.ts'
import type { Actor } from '../../../../modules/access/actor.ts'
import { roleAllows } from '../../../../modules/access/permissions.ts'
import { ValidationError, type FieldError } from '../../../../modules/errors.ts'
import { referenceTokenText } from '../../../../modules/reports/report-markdown.ts'
import { MAX_SECTION_CHARACTERS, ReportConflictError } from '../../../../modules/reports/report.service.ts'
import { documentUrl, field, kindOf, reportAccess, wholeNumber, type KindParams } from '../common.ts'
import { errorList, errorSummary } from '../../../form.ts'

type SectionParams = KindParams & { reportSection: string }
type SectionRequest = FastifyRequest<{ Params: SectionParams; Querystring: { saved?: string } }>

/** What the edit form shows instead of the saved text (typed text is never lost). */
interface FormState {
  status?: number
  errors?: FieldError[]
  text?: string
  version?: number
  previewHtml?: string
  notice?: string
  comment?: string
}

const REFERENCE_CHOICE = /^(entry|episode):([A-Za-z0-9_-]{1,100})$/

/**
 * One section: `GET /reviews/:id/report/:reportKind/sections/:reportSection` (the text, its comments,
 * and for writers the edit form), `POST` to the same URL (the form's buttons: preview, insert a
 * reference through a picker page, save; a stale save shows both texts side by side), and comments:
 * `POST …/sections/:reportSection/comments`, `POST /reviews/:id/report/:reportKind/comments/:reportCommentId/resolve`.
 *
 * Everything works without JavaScript: the reference picker is a page of its own that carries the
 * text being written in a hidden field and gives it back with the reference added.
 */
export function sectionRoutes(app: FastifyInstance, services: Services): void {
  const sectionUrl = (reviewId: string, params: SectionParams) =>
    `${documentUrl(reviewId, kindOf(params))}/sections/${params.reportSection}`

  const show = async (request: SectionRequest, reply: FastifyReply, state: FormState = {}) => {
    const actor = request.actor!
    const kind = kindOf(request.params)
    const data = await services.reports.section(actor, request.params.id, kind, request.params.reportSection)
    return reply.code(state.status ?? 200).page('routes/reports/section/view.njk', {
      pageTitle: `${data.section.number}. ${data.section.title} – ${data.template.title} – ${data.review.reference}`,
      ...data,
      baseUrl: documentUrl(data.review.id, kind),
      sectionUrl: sectionUrl(data.review.id, request.params),
      text: state.text ?? data.section.markdown,
      formVersion: state.version ?? data.version,
      previewHtml: state.previewHtml ?? null,
      notice: state.notice ?? (request.query?.saved ? 'Section saved as a new version.' : null),
      comment: state.comment ?? '',
      canWrite: roleAllows(actor.role, 'report.write'),
      canComment: roleAllows(actor.role, 'review.comment'),
      errors: errorSummary(state.errors),
      maxCharacters: MAX_SECTION_CHARACTERS.toLocaleString('en-GB'),
    })
  }

  const picker = async (
    request: SectionRequest,
    reply: FastifyReply,
    actor: Actor,
    text: string,
    version: number,
    errors: FieldError[] = [],
  ) => {
    const kind = kindOf(request.params)
    const data = await services.reports.section(actor, request.params.id, kind, request.params.reportSection)
    const choices = await services.reports.referenceChoices(actor, data.review.id)
    return reply.code(errors.length ? 400 : 200).page('routes/reports/section/picker.njk', {
      pageTitle: `Insert a reference – ${data.section.number}. ${data.section.title} – ${data.review.reference}`,
      ...data,
      choices,
      sectionUrl: sectionUrl(data.review.id, request.params),
      text,
      formVersion: version,
      errors: errorList(errors),
    })
  }

  app.get<{ Params: SectionParams; Querystring: { saved?: string } }>(
    '/reviews/:id/report/:reportKind/sections/:reportSection',
    { config: reportAccess('review.read') },
    async (request, reply) => show(request, reply),
  )

  app.post<{ Params: SectionParams }>(
    '/reviews/:id/report/:reportKind/sections/:reportSection',
    { config: reportAccess('report.write'), bodyLimit: MAX_SECTION_CHARACTERS * 4 + 65_536 },
    async (request, reply) => {
      const actor = request.actor!
      const kind = kindOf(request.params)
      const body = request.body
      // Kept whole (the body limit bounds it), so a text that is too long is shown back without losing any of it.
      const text = field(body, 'text', MAX_SECTION_CHARACTERS * 4)
      const version = wholeNumber(field(body, 'version'))
      const action = field(body, 'action')
      const req = request as SectionRequest
      if (action === 'preview') {
        const previewHtml = await services.reports.previewSection(
          actor,
          request.params.id,
          kind,
          request.params.reportSection,
          text,
        )
        return show(req, reply, { text, version, previewHtml })
      }
      if (action === 'reference') return picker(req, reply, actor, text, version)
      if (action === 'insert') {
        const choice = REFERENCE_CHOICE.exec(field(body, 'reference'))
        if (!choice) {
          return picker(req, reply, actor, text, version, [
            { field: 'reference', message: 'Select the chronology entry or key practice episode to refer to' },
          ])
        }
        const token = referenceTokenText(choice[1] as 'entry' | 'episode', choice[2])
        return show(req, reply, {
          text: text.trimEnd() ? `${text.trimEnd()} ${token}` : token,
          version,
          notice: 'Reference added at the end of the text. Move it where you want it, then save the section.',
        })
      }
      try {
        await services.reports.saveSection(actor, request.params.id, kind, request.params.reportSection, text, version)
      } catch (error) {
        if (error instanceof ValidationError)
          return show(req, reply, { status: 400, errors: error.errors, text, version })
        if (error instanceof ReportConflictError) {
          const data = await services.reports.section(actor, request.params.id, kind, request.params.reportSection)
          return reply.code(409).page('routes/reports/section/conflict.njk', {
            pageTitle: `Someone else changed this section – ${data.review.reference}`,
            ...data,
            conflict: error,
            sectionUrl: sectionUrl(data.review.id, request.params),
            errors: errorList([
              {
                field: 'text',
                message: `${error.changedBy} saved this section after you opened it. Your text has not been saved: merge the two texts below, then save`,
              },
            ]),
          })
        }
        throw error
      }
      return reply.redirect(`${sectionUrl(request.params.id, request.params)}?saved=1`, 303)
    },
  )

  app.post<{ Params: SectionParams }>(
    '/reviews/:id/report/:reportKind/sections/:reportSection/comments',
    { config: reportAccess('review.comment') },
    async (request, reply) => {
      const comment = field(request.body, 'comment', 10_000)
      try {
        await services.reports.addComment(
          request.actor!,
          request.params.id,
          kindOf(request.params),
          request.params.reportSection,
          comment,
        )
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error
        return show(request as SectionRequest, reply, { status: 400, errors: error.errors, comment })
      }
      return reply.redirect(`${sectionUrl(request.params.id, request.params)}#comments`, 303)
    },
  )

  app.post<{ Params: KindParams & { reportCommentId: string } }>(
    '/reviews/:id/report/:reportKind/comments/:reportCommentId/resolve',
    { config: reportAccess('report.write') },
    async (request, reply) => {
      const kind = kindOf(request.params)
      const sectionKey = await services.reports.resolveComment(
        request.actor!,
        request.params.id,
        kind,
        request.params.reportCommentId,
      )
      return reply.redirect(`${documentUrl(request.params.id, kind)}/sections/${sectionKey}#comments`, 303)
    },
  )
}
