import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Services } from '../../../../composition.ts'
import { roleAllows } from '../../../../modules/access/permissions.ts'
import { CASE_LIMITS } from '../../../../modules/case-knowledge/case-knowledge.service.ts'
import { ValidationError, type FieldError } from '../../../../modules/errors.ts'
import { readDateInput } from '../../../date-input.ts'
import { errorSummary } from '../../../form.ts'

type Params = { Params: { id: string } }
const read = { routeAccess: { access: 'authenticated', permission: 'review.read' } } as const
const manage = { routeAccess: { access: 'authenticated', permission: 'review.manage' } } as const
const lines = (value: unknown) =>
  String(value ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
const PLACE_KINDS = [
  'town',
  'village',
  'city',
  'street',
  'school',
  'nursery',
  'gp_practice',
  'hospital',
  'childrens_centre',
  'police_station',
  'court',
  'pub',
  'shop',
  'youth_club',
  'agency',
  'safeguarding_partnership',
  'county',
  'other',
]

/**
 * `/reviews/:id/people`: the people and places in a review. Without the reveal permission only
 * roles and pseudonyms are shown; "Show real names" reveals them and is audited.
 */
export function peopleRoutes(app: FastifyInstance, services: Services): void {
  const show = async (
    request: FastifyRequest<Params & { Querystring: { reveal?: string; saved?: string } }>,
    reply: FastifyReply,
    options: { status?: number; errors?: FieldError[]; values?: Record<string, unknown> } = {},
  ) => {
    const actor = request.actor!
    const canReveal = roleAllows(actor.role, 'review.revealOriginal')
    const reveal = canReveal && (request.query.reveal === 'yes' || options.errors !== undefined)
    const review = await services.reviews.readableReview(actor, request.params.id)
    const overview = await services.caseKnowledge.overview(actor, review.id, { reveal })
    return reply.code(options.status ?? 200).page('routes/case-knowledge/people/view.njk', {
      pageTitle: `People and places – ${review.reference}`,
      review,
      people: overview.people,
      places: overview.places,
      reveal,
      canReveal,
      canManage: roleAllows(actor.role, 'review.manage'),
      saved: request.query.saved ?? null,
      errors: errorSummary(options.errors),
      values: options.values ?? {},
      placeKinds: PLACE_KINDS,
      limits: CASE_LIMITS,
    })
  }

  app.get<Params & { Querystring: { reveal?: string; saved?: string } }>(
    '/reviews/:id/people',
    { config: read },
    async (request, reply) => show(request, reply),
  )

  const afterChange = (request: FastifyRequest<Params>, reply: FastifyReply, saved: string) =>
    reply.redirect(`/reviews/${request.params.id}/people?reveal=yes&saved=${saved}`, 303)
  const onError = async (request: FastifyRequest<Params>, reply: FastifyReply, error: unknown) => {
    if (!(error instanceof ValidationError)) throw error
    return show(request as never, reply, {
      status: 400,
      errors: error.errors,
      values: (request.body ?? {}) as Record<string, unknown>,
    })
  }

  app.post<Params>('/reviews/:id/people', { config: manage }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>
    try {
      const dob = readDateInput(body, 'dob', 'The date of birth', { notInFuture: services.reviews.today() })
      if (dob.error) throw new ValidationError([{ field: 'dob-day', message: dob.error }])
      await services.caseKnowledge.addPerson(request.actor!, request.params.id, {
        role: String(body.role ?? ''),
        full_name: String(body.full_name ?? ''),
        other_names: lines(body.other_names),
        date_of_birth: dob.value,
        addresses: lines(body.addresses).map((text) => ({ text })),
        phone: lines(body.phone),
        email: lines(body.email),
        nhs_number: String(body.nhs_number ?? '').trim() || null,
        expected_pseudonym: String(body.expected_pseudonym ?? '').trim() || null,
        organisation: String(body.organisation ?? '').trim() || null,
        retain: body.retain === 'yes',
      })
    } catch (error) {
      return onError(request, reply, error)
    }
    return afterChange(request, reply, 'person')
  })

  app.post<Params>('/reviews/:id/places', { config: manage }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>
    try {
      await services.caseKnowledge.addPlace(request.actor!, request.params.id, {
        name: String(body.name ?? ''),
        kind: String(body.kind ?? ''),
        expected_replacement: String(body.expected_replacement ?? '').trim() || null,
        retain: body.placeRetain === 'yes',
      })
    } catch (error) {
      return onError(request, reply, error)
    }
    return afterChange(request, reply, 'place')
  })

  // Pasted cast.json / places.json: up to 2 MB, more than the ordinary form limit.
  app.post<Params>(
    '/reviews/:id/people/import',
    { config: manage, bodyLimit: CASE_LIMITS.fileBytes * 2 + 65_536 },
    async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>
      const cast = String(body.castFile ?? '').trim()
      const places = String(body.placesFile ?? '').trim()
      try {
        if (cast.length > CASE_LIMITS.fileBytes || places.length > CASE_LIMITS.fileBytes) {
          throw new ValidationError([{ field: 'castFile', message: 'Each file must be 2 MB or smaller' }])
        }
        await services.caseKnowledge.importFiles(request.actor!, request.params.id, cast || null, places || null)
      } catch (error) {
        return onError(request, reply, error)
      }
      return afterChange(request, reply, 'import')
    },
  )

  for (const kind of ['person', 'place'] as const) {
    app.post<{ Params: { id: string; itemId: string } }>(
      `/reviews/:id/${kind === 'person' ? 'people' : 'places'}/:itemId/remove`,
      { config: manage },
      async (request, reply) => {
        await services.caseKnowledge.remove(request.actor!, request.params.id, kind, request.params.itemId)
        return afterChange(request as never, reply, 'removed')
      },
    )
  }
}
