import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { type FieldError } from '../../../../modules/errors.ts'
import {
  StaleEditError,
  type Recommendation,
  type RecommendationService,
} from '../../../../modules/recommendations/recommendation.service.ts'
import { planAccess, version } from '../common.ts'
import { recommendationSchema } from './schema.ts'
import { errorSummary, formFailure } from '../../../form.ts'

const VIEW = 'routes/recommendations/recommendation/view.njk'

type RecommendationRequest = FastifyRequest<{ Params: { id: string; recommendationId?: string } }>

/** Someone saved the recommendation while this user was editing it. */
const STALE_MESSAGE =
  'Someone else changed this recommendation while you were editing it. Their version is shown below. Check your text, then save again'

/** The form's values: typed text, and the findings ticked. */
interface FormValues {
  addressedTo: string
  action: string
  measureOfSuccess: string
  timescale: string
  findingIds: string[]
  version: string
}

/**
 * `GET/POST /reviews/:id/recommendations/new` and `/reviews/:id/recommendations/:recommendationId`: add or
 * change a recommendation and the findings it answers (lead reviewers and coordinators).
 */
export function recommendationFormRoutes(app: FastifyInstance, recommendations: RecommendationService): void {
  const show = async (
    request: RecommendationRequest,
    reply: FastifyReply,
    options: { status?: number; errors?: FieldError[]; values?: FormValues; stale?: Recommendation } = {},
  ) => {
    const actor = request.actor!
    const { id, recommendationId } = request.params
    const { review, findings, recommendation } = recommendationId
      ? await recommendations.recommendation(actor, id, recommendationId)
      : { ...(await recommendations.forWriting(actor, id)), recommendation: null }
    const values: FormValues = options.values ?? {
      addressedTo: recommendation?.addressedTo ?? '',
      action: recommendation?.action ?? '',
      measureOfSuccess: recommendation?.measureOfSuccess ?? '',
      timescale: recommendation?.timescale ?? '',
      findingIds: recommendation?.findingIds ?? [],
      version: String(recommendation?.version ?? ''),
    }
    return reply.code(options.status ?? 200).page(VIEW, {
      pageTitle: `${recommendation ? `Change recommendation ${recommendation.number}` : 'Add a recommendation'} – ${review.reference}`,
      review,
      recommendation,
      stale: options.stale ?? null,
      action: recommendation
        ? `/reviews/${id}/recommendations/${recommendation.id}`
        : `/reviews/${id}/recommendations/new`,
      errors: errorSummary(options.errors),
      values,
      findingItems: findings.map((f) => ({
        value: f.id,
        text: `Finding ${f.number}: ${f.title}`,
        checked: values.findingIds.includes(f.id),
      })),
    })
  }

  const save = async (request: RecommendationRequest, reply: FastifyReply) => {
    const actor = request.actor!
    const { id, recommendationId } = request.params
    const body = request.body
    const values = recommendationSchema.parse(body ?? {})
    const { version: _version, ...input } = values
    try {
      if (recommendationId)
        await recommendations.updateRecommendation(actor, id, recommendationId, version(body), input)
      else await recommendations.addRecommendation(actor, id, input)
    } catch (error) {
      if (error instanceof StaleEditError && recommendationId) {
        const { recommendation } = await recommendations.recommendation(actor, id, recommendationId)
        return show(request, reply, {
          status: 409,
          errors: [{ field: 'addressedTo', message: STALE_MESSAGE }],
          values: { ...values, version: String(recommendation.version) },
          stale: recommendation,
        })
      }
      const failure = formFailure(error)
      if (failure) return show(request, reply, { ...failure, values })
      throw error
    }
    return reply.redirect(`/reviews/${id}/recommendations?saved=recommendation#recommendations`, 303)
  }

  app.get<{ Params: { id: string } }>(
    '/reviews/:id/recommendations/new',
    { config: planAccess('report.write') },
    (r, reply) => show(r, reply),
  )
  app.post<{ Params: { id: string } }>('/reviews/:id/recommendations/new', { config: planAccess('report.write') }, save)
  app.get<{ Params: { id: string; recommendationId: string } }>(
    '/reviews/:id/recommendations/:recommendationId',
    { config: planAccess('report.write') },
    (r, reply) => show(r, reply),
  )
  app.post<{ Params: { id: string; recommendationId: string } }>(
    '/reviews/:id/recommendations/:recommendationId',
    { config: planAccess('report.write') },
    save,
  )
}
