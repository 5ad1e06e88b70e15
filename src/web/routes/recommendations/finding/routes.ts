import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { type FieldError } from '../../../../modules/errors.ts'
import {
  StaleEditError,
  type Finding,
  type RecommendationService,
} from '../../../../modules/recommendations/recommendation.service.ts'
import { THEME_LABELS, THEMES } from '../../../../modules/published-reviews/published-review.ts'
import { planAccess, version } from '../common.ts'
import { findingSchema } from './schema.ts'
import { errorSummary, formFailure } from '../../../form.ts'

const VIEW = 'routes/recommendations/finding/view.njk'

type FindingRequest = FastifyRequest<{ Params: { id: string; findingId?: string } }>

/** Someone saved the finding while this user was editing it. */
const STALE_MESSAGE =
  'Someone else changed this finding while you were editing it. Their version is shown below. Check your text, then save again'

/**
 * `GET/POST /reviews/:id/findings/new` and `/reviews/:id/findings/:findingId`: add or change a finding
 * (lead reviewers and coordinators). Post/redirect/get; typed text is shown back with any error.
 */
export function findingRoutes(app: FastifyInstance, recommendations: RecommendationService): void {
  const show = async (
    request: FindingRequest,
    reply: FastifyReply,
    options: { status?: number; errors?: FieldError[]; values?: Record<string, string>; stale?: Finding } = {},
  ) => {
    const actor = request.actor!
    const { id, findingId } = request.params
    const { review, finding } = findingId
      ? await recommendations.finding(actor, id, findingId)
      : { ...(await recommendations.forWriting(actor, id)), finding: null }
    const values = options.values ?? {
      title: finding?.title ?? '',
      text: finding?.text ?? '',
      theme: finding?.theme ?? '',
      version: String(finding?.version ?? ''),
    }
    return reply.code(options.status ?? 200).page(VIEW, {
      pageTitle: `${finding ? `Change finding ${finding.number}` : 'Add a finding'} – ${review.reference}`,
      review,
      finding,
      stale: options.stale ?? null,
      action: finding ? `/reviews/${id}/findings/${finding.id}` : `/reviews/${id}/findings/new`,
      errors: errorSummary(options.errors),
      values,
      themeItems: [
        { value: '', text: 'No theme' },
        ...THEMES.map((t) => ({ value: t, text: THEME_LABELS[t], selected: values.theme === t })),
      ],
    })
  }

  const save = async (request: FindingRequest, reply: FastifyReply) => {
    const actor = request.actor!
    const { id, findingId } = request.params
    const body = request.body
    const values = findingSchema.parse(body ?? {})
    const input = { title: values.title, text: values.text, theme: values.theme }
    try {
      if (findingId) await recommendations.updateFinding(actor, id, findingId, version(body), input)
      else await recommendations.addFinding(actor, id, input)
    } catch (error) {
      if (error instanceof StaleEditError && findingId) {
        // Show the saved version beside the user's text, and let the next save knowingly replace it.
        const { finding } = await recommendations.finding(actor, id, findingId)
        return show(request, reply, {
          status: 409,
          errors: [{ field: 'title', message: STALE_MESSAGE }],
          values: { ...values, version: String(finding.version) },
          stale: finding,
        })
      }
      const failure = formFailure(error)
      if (failure) return show(request, reply, { ...failure, values })
      throw error
    }
    return reply.redirect(`/reviews/${id}/recommendations?saved=finding#findings`, 303)
  }

  app.get<{ Params: { id: string } }>('/reviews/:id/findings/new', { config: planAccess('report.write') }, (r, reply) =>
    show(r, reply),
  )
  app.post<{ Params: { id: string } }>('/reviews/:id/findings/new', { config: planAccess('report.write') }, save)
  app.get<{ Params: { id: string; findingId: string } }>(
    '/reviews/:id/findings/:findingId',
    { config: planAccess('report.write') },
    (r, reply) => show(r, reply),
  )
  app.post<{ Params: { id: string; findingId: string } }>(
    '/reviews/:id/findings/:findingId',
    { config: planAccess('report.write') },
    save,
  )
}
