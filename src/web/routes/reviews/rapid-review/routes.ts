import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Services } from '../../../../composition.ts'
import { ValidationError, type FieldError } from '../../../../modules/errors.ts'
import { SUMMARY_FILE_LIMIT_BYTES, StaleReviewError } from '../../../../modules/reviews/review.service.ts'
import { registerUploadRoutes, requirePermissionBeforeUpload, type UploadedFormFile } from '../../../plugins/uploads.ts'
import { dateInputValues, readDateInput } from '../../../date-input.ts'
import { agencyNames, reviewAccess, STALE_MESSAGE } from '../common.ts'
import { errorList, errorSummary } from '../../../form.ts'

const VIEW = 'routes/reviews/rapid-review/view.njk'

/**
 * `GET/POST /reviews/:id/rapid-review`: ask agencies for summaries by a date, record them as they
 * arrive, and record the panel meeting, its outcome and recommended next step, and the date sent
 * to the Panel. One page, three forms, told apart by `action`.
 */
export function rapidReviewRoutes(app: FastifyInstance, services: Services): void {
  const show = async (
    request: FastifyRequest<{ Params: { id: string } }>,
    reply: FastifyReply,
    options: { status?: number; errors?: FieldError[]; values?: Record<string, unknown> } = {},
  ) => {
    const { review } = await services.reviews.get(request.actor!, request.params.id)
    const rr = review.rapidReview
    const meetingValues = {
      ...dateInputValues('meetingDate', rr.meetingDate),
      ...dateInputValues('sentToPanelDate', review.milestones.rapid_review_sent_to_panel ?? null),
    }
    return reply.code(options.status ?? 200).page(VIEW, {
      pageTitle: `Rapid review – ${review.reference}`,
      review,
      errors: errorSummary(options.errors),
      values: {
        outcome: rr.outcome,
        recommendedNextStep: rr.recommendedNextStep,
        ...meetingValues,
        ...(options.values ?? {}),
      },
      agencyItems: (await agencyNames(services, request.actor!)).map((a) => ({ value: a, text: a })),
      requestedItems: rr.summaries.map((s) => ({ value: s.agency, text: s.agency })),
    })
  }

  app.get<{ Params: { id: string } }>(
    '/reviews/:id/rapid-review',
    { config: reviewAccess('review.manage') },
    async (request, reply) => show(request, reply),
  )

  app.post<{ Params: { id: string } }>(
    '/reviews/:id/rapid-review',
    { config: reviewAccess('review.manage') },
    async (request, reply) => {
      const actor = request.actor!
      const id = request.params.id
      const body = (request.body ?? {}) as Record<string, unknown>
      const version = Number(body.version)
      const errors: FieldError[] = []
      const date = (name: string, label: string, required: boolean) => {
        const r = readDateInput(body, name, label, { required })
        if (r.error) errors.push({ field: `${name}-day`, message: r.error })
        return r.value
      }
      try {
        if (body.action === 'request') {
          const due = date('dueDate', 'The date the summary is due', true)
          if (errors.length) throw new ValidationError(errors)
          await services.reviews.requestAgencySummary(actor, id, version, String(body.agency ?? ''), due!)
        } else if (body.action === 'receive') {
          const received = date('receivedDate', 'The date the summary was received', true)
          if (errors.length) throw new ValidationError(errors)
          await services.reviews.recordAgencySummary(
            actor,
            id,
            version,
            String(body.agency ?? ''),
            received!,
            String(body.summary ?? '').slice(0, 20000),
          )
        } else {
          const meetingDate = date('meetingDate', 'The date of the panel meeting', true)
          const sentToPanelDate = date('sentToPanelDate', 'The date sent to the Panel', false)
          if (errors.length) throw new ValidationError(errors)
          await services.reviews.recordRapidReviewMeeting(actor, id, version, {
            meetingDate: meetingDate!,
            outcome: String(body.outcome ?? '').slice(0, 5000),
            recommendedNextStep: String(body.recommendedNextStep ?? '').slice(0, 2000),
            sentToPanelDate,
          })
        }
      } catch (error) {
        if (error instanceof ValidationError)
          return show(request, reply, { status: 400, errors: error.errors, values: body })
        if (error instanceof StaleReviewError) {
          return show(request, reply, {
            status: 409,
            errors: [{ field: 'outcome', message: STALE_MESSAGE }],
            values: body,
          })
        }
        throw error
      }
      return reply.redirect(`/reviews/${id}/rapid-review`, 303)
    },
  )
}

/**
 * `POST /reviews/:id/rapid-review/file` (an agency's summary sent as a file) and
 * `GET /reviews/:id/files/:fileId` (download, audited).
 */
export function rapidReviewFileRoutes(app: FastifyInstance, services: Services): void {
  registerUploadRoutes(
    app,
    {
      maxFileBytes: SUMMARY_FILE_LIMIT_BYTES,
      maxFields: 6,
      allowed: requirePermissionBeforeUpload(services.audit, 'review.manage'),
    },
    (scope) => {
      scope.post<{ Params: { id: string } }>(
        '/reviews/:id/rapid-review/file',
        { config: reviewAccess('review.manage') },
        async (request, reply) => {
          const body = (request.body ?? {}) as Record<string, unknown>
          const file = body.summaryFile as UploadedFormFile | undefined
          const received = readDateInput(body, 'fileReceivedDate', 'The date the file was received', { required: true })
          const errors: FieldError[] = []
          if (!file) errors.push({ field: 'summaryFile', message: 'Select the agency’s summary file' })
          if (received.error) errors.push({ field: 'fileReceivedDate-day', message: received.error })
          try {
            if (errors.length) throw new ValidationError(errors)
            await services.reviews.attachAgencySummaryFile(
              request.actor!,
              request.params.id,
              Number(body.version),
              String(body.agency ?? ''),
              received.value!,
              { fileName: file!.fileName, contentType: file!.contentType ?? '', data: file!.data },
            )
          } catch (error) {
            if (error instanceof ValidationError) {
              const { review } = await services.reviews.get(request.actor!, request.params.id)
              return reply.code(400).page(VIEW, {
                pageTitle: `Rapid review – ${review.reference}`,
                review,
                errors: errorList(error.errors),
                values: {},
                agencyItems: (await agencyNames(services, request.actor!)).map((a) => ({ value: a, text: a })),
                requestedItems: review.rapidReview.summaries.map((s) => ({ value: s.agency, text: s.agency })),
              })
            }
            if (error instanceof StaleReviewError)
              return reply.redirect(`/reviews/${request.params.id}/rapid-review`, 303)
            throw error
          }
          return reply.redirect(`/reviews/${request.params.id}/rapid-review`, 303)
        },
      )
    },
  )

  app.get<{ Params: { id: string; fileId: string } }>(
    '/reviews/:id/files/:fileId',
    { config: reviewAccess('review.read') },
    async (request, reply) => {
      const file = await services.reviews.file(request.actor!, request.params.id, request.params.fileId)
      return reply
        .header('Content-Type', file.contentType)
        .header('Content-Disposition', `attachment; filename="${file.fileName.replace(/"/g, '')}"`)
        .header('Cache-Control', 'no-store')
        .header('X-Content-Type-Options', 'nosniff')
        .send(Buffer.from(file.data))
    },
  )
}
