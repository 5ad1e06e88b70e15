import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Services } from '../../../../composition.ts'
import { roleAllows } from '../../../../modules/access/permissions.ts'
import { ValidationError, type FieldError } from '../../../../modules/errors.ts'
import {
  ACTION_STATUS_NAMES,
  ACTION_STATUSES,
  EVIDENCE_FILE_LIMIT_BYTES,
} from '../../../../modules/recommendations/action-plan.ts'
import { StaleEditError } from '../../../../modules/recommendations/recommendation.service.ts'
import { registerUploadRoutes, requirePermissionBeforeUpload, type UploadedFormFile } from '../../../plugins/uploads.ts'
import { actionRow, field, planAccess, version } from '../common.ts'
import { progressSchema } from './schema.ts'
import { errorSummary, formFailure } from '../../../form.ts'

const VIEW = 'routes/recommendations/action/view.njk'

type ActionRequest = FastifyRequest<{ Params: { actionId: string }; Querystring: { saved?: string } }>

const STALE_MESSAGE =
  'Someone else changed the status of this action while you were writing. Check its progress below, then save your note again'

const SAVED_MESSAGES: Record<string, string> = {
  progress: 'Progress saved.',
  evidence: 'Evidence of impact added.',
  details: 'Action changed.',
}

/**
 * One action: `GET /actions/:actionId`, progress notes (`POST …/progress`), evidence of impact
 * (`POST …/evidence`, a file upload) and evidence files (`GET …/evidence/:evidenceId`). Agency contributors
 * reach only their own agency's actions (the service answers "not found" for the others).
 */
export function actionRoutes(app: FastifyInstance, services: Services): void {
  const recommendations = services.recommendations
  const show = async (
    request: ActionRequest,
    reply: FastifyReply,
    options: { status?: number; errors?: FieldError[]; values?: Record<string, string> } = {},
  ) => {
    const detail = await recommendations.action(request.actor!, request.params.actionId)
    const { action } = detail
    const values = options.values ?? { status: action.status, version: String(action.version) }
    return reply.code(options.status ?? 200).page(VIEW, {
      pageTitle: `Action ${action.recommendationNumber}.${action.number} – ${action.reviewReference}`,
      action: { ...actionRow(action), reviewId: action.reviewId, closed: action.status === 'closed' },
      recommendation: detail.recommendation,
      progress: detail.progress.map((p) => ({
        ...p,
        change:
          p.statusBefore === p.statusAfter
            ? null
            : `${ACTION_STATUS_NAMES[p.statusBefore]} to ${ACTION_STATUS_NAMES[p.statusAfter]}`,
      })),
      evidence: detail.evidence.map((e) => ({
        ...e,
        sizeText: e.file ? sizeText(e.file.sizeBytes) : null,
      })),
      canUpdate: detail.canUpdate,
      canClose: detail.canClose,
      // Agency contributors see their actions, not the review's findings.
      canReadReview: roleAllows(request.actor!.role, 'review.read'),
      saved: SAVED_MESSAGES[request.query?.saved ?? ''] ?? null,
      errors: errorSummary(options.errors),
      values,
      statusItems: ACTION_STATUSES.filter((s) => s !== 'closed' || detail.canClose || action.status === 'closed').map(
        (s) => ({
          value: s,
          text: ACTION_STATUS_NAMES[s],
          checked: values.status === s,
          hint: s === 'closed' ? { text: 'Only when there is evidence of impact' } : undefined,
        }),
      ),
    })
  }

  app.get<{ Params: { actionId: string }; Querystring: { saved?: string } }>(
    '/actions/:actionId',
    { config: planAccess('action.read') },
    (request, reply) => show(request, reply),
  )

  app.post<{ Params: { actionId: string }; Querystring: { saved?: string } }>(
    '/actions/:actionId/progress',
    { config: planAccess('action.update') },
    async (request, reply) => {
      const body = request.body
      const values = progressSchema.parse(body ?? {})
      try {
        await recommendations.addProgress(request.actor!, request.params.actionId, version(body), values)
      } catch (error) {
        if (error instanceof StaleEditError) {
          const current = await recommendations.action(request.actor!, request.params.actionId)
          return show(request, reply, {
            status: 409,
            errors: [{ field: 'note', message: STALE_MESSAGE }],
            values: { ...values, version: String(current.action.version) },
          })
        }
        const failure = formFailure(error)
        if (failure) return show(request, reply, { ...failure, values })
        throw error
      }
      return reply.redirect(`/actions/${request.params.actionId}?saved=progress`, 303)
    },
  )

  registerUploadRoutes(
    app,
    {
      maxFileBytes: EVIDENCE_FILE_LIMIT_BYTES,
      maxFields: 4,
      allowed: requirePermissionBeforeUpload(services.audit, 'action.update'),
    },
    (scope) => {
      scope.post<{ Params: { actionId: string }; Querystring: { saved?: string } }>(
        '/actions/:actionId/evidence',
        { config: planAccess('action.update') },
        async (request, reply) => {
          const body = (request.body ?? {}) as Record<string, unknown>
          const file = body.evidenceFile as UploadedFormFile | undefined
          const description = field(body, 'evidenceDescription')
          try {
            await recommendations.addEvidence(request.actor!, request.params.actionId, {
              description,
              file: file ? { fileName: file.fileName, data: file.data } : null,
            })
          } catch (error) {
            if (error instanceof ValidationError) {
              // The evidence form's description field has its own id on the page (the progress form has a note).
              const errors = error.errors.map((e) =>
                e.field === 'description' ? { ...e, field: 'evidenceDescription' } : e,
              )
              return show(request, reply, { status: 400, errors, values: { evidenceDescription: description } })
            }
            throw error
          }
          return reply.redirect(`/actions/${request.params.actionId}?saved=evidence`, 303)
        },
      )
    },
  )

  app.get<{ Params: { actionId: string; evidenceId: string } }>(
    '/actions/:actionId/evidence/:evidenceId',
    { config: planAccess('action.read') },
    async (request, reply) => {
      const file = await recommendations.evidenceFile(
        request.actor!,
        request.params.actionId,
        request.params.evidenceId,
      )
      return reply
        .header('Content-Type', file.contentType)
        .header('Content-Disposition', `attachment; filename="${file.fileName.replace(/"/g, '')}"`)
        .header('Cache-Control', 'no-store')
        .header('X-Content-Type-Options', 'nosniff')
        .send(Buffer.from(file.data))
    },
  )
}

function sizeText(bytes: number): string {
  if (bytes === 1) return '1 byte'
  if (bytes < 1024) return `${bytes} bytes`
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
}
