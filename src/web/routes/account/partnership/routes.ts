import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { AuthService } from '../../../../modules/auth/auth.service.ts'
import { errorList, formFailure, parseForm } from '../../../form.ts'
import { membershipLabel } from '../../../plugins/pages.ts'
import { switchPartnershipSchema } from './schemas.ts'

const VIEW = 'routes/account/partnership/view.njk'
const TITLE = 'Choose the partnership you are working for'
const signedIn = { routeAccess: { access: 'authenticated' } } as const

/**
 * `GET /account/partnership`: the partnerships the user works for, to choose one (the header's
 * switcher posts here too); `POST`: act for the one chosen, then Home. Every page after is scoped
 * to it: the session's acting membership decides the role, partnership and agency of the actor.
 */
export function partnershipSwitchRoutes(app: FastifyInstance, auth: AuthService): void {
  const show = (
    request: FastifyRequest,
    reply: FastifyReply,
    options: { status?: number; errors?: ReturnType<typeof errorList>; chosen?: string } = {},
  ) => {
    const session = request.resolvedSession!
    const chosen = options.chosen ?? session.membership?.id
    return reply.code(options.status ?? 200).page(VIEW, {
      pageTitle: TITLE,
      errors: options.errors,
      items: session.memberships.map((m) => ({ value: m.id, text: membershipLabel(m), checked: m.id === chosen })),
    })
  }

  app.get('/account/partnership', { config: signedIn }, async (request, reply) => show(request, reply))

  app.post('/account/partnership', { config: signedIn }, async (request, reply) => {
    const form = parseForm(switchPartnershipSchema, request.body)
    if (!form.ok) return show(request, reply, { status: 400, errors: errorList(form.errors) })
    try {
      await auth.switchPartnership(request.actor!, request.sessionToken!, form.data.membership)
    } catch (error) {
      const failure = formFailure(error)
      if (!failure) throw error
      return show(request, reply, { status: failure.status, errors: errorList(failure.errors) })
    }
    return reply.redirect('/dashboard', 303)
  })
}
