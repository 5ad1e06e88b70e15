import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Actor } from '../../../../modules/access/actor.ts'
import { ROLE_NAMES, type Role } from '../../../../modules/access/permissions.ts'
import { ValidationError } from '../../../../modules/errors.ts'
import type { PartnershipDirectory } from '../../../../modules/partnerships/partnership.ts'
import type { UserService } from '../../../../modules/users/user.service.ts'
import type { PartnerSignOffService } from '../../../../modules/publication/partner-sign-off.service.ts'
import {
  isStatutoryPartner,
  PARTNER_NAMES,
  STATUTORY_PARTNERS,
} from '../../../../modules/publication/partner-sign-off.ts'
import { errorList, parseForm } from '../../../form.ts'
import { changeRoleSchema, inviteSchema, PARTNERSHIP_ROLES } from './schemas.ts'

const manage = { routeAccess: { access: 'authenticated', permission: 'user.manage' } } as const

const DONE_MESSAGES: Record<string, string> = {
  role: 'Role changed. The user’s sessions have ended so the new role applies now.',
  partner: 'Statutory partner saved.',
  'second-factor': 'Second factor reset. The user will set up their authenticator app at their next sign-in.',
  deactivated: 'Account deactivated. The user has been signed out and cannot sign in.',
  reactivated: 'Account reactivated. The user can sign in again.',
}

/**
 * User administration for a partnership: list, invite (the invitation link is shown to the
 * administrator to send), view a user, change role and agency, reset the second factor,
 * deactivate and reactivate.
 */
export function userAdminRoutes(
  app: FastifyInstance,
  users: UserService,
  partnerships: PartnershipDirectory,
  signOffs: Pick<PartnerSignOffService, 'signatoryPartner' | 'setSignatoryPartner'>,
): void {
  const roleItems = (selected?: string) =>
    PARTNERSHIP_ROLES.map((role) => ({ value: role, text: ROLE_NAMES[role], checked: role === selected }))
  const agencyItems = async (partnershipId: string | null, selected?: string | null) => [
    { value: '', text: 'Not an agency contributor' },
    ...(partnershipId ? await partnerships.listAgencies(partnershipId) : []).map((a) => ({
      value: a.id,
      text: a.name,
      selected: a.id === selected,
    })),
  ]

  const invitationLink = (request: FastifyRequest, token: string) =>
    `${request.protocol}://${request.host}/invitation/${token}`

  /** The user's page; after a refused change, with the errors and what was chosen. */
  const showUser = async (
    request: FastifyRequest<{ Params: { id: string } }>,
    reply: FastifyReply,
    options: {
      status?: number
      done?: string | null
      errors?: ReturnType<typeof errorList>
      chosen?: Record<string, string>
    } = {},
  ) => {
    const actor = request.actor!
    const user = await users.get(actor, request.params.id)
    const partner = options.chosen?.partner ?? (await signOffs.signatoryPartner(actor, user.id)) ?? ''
    return reply.code(options.status ?? 200).page('routes/admin/user/view.njk', {
      pageTitle: user.displayName,
      user,
      roleName: ROLE_NAMES[user.membership.role],
      isSelf: user.id === actor.userId,
      done: options.done ?? null,
      errors: options.errors,
      roleItems: roleItems(options.chosen?.role ?? user.membership.role),
      partnerItems: [
        ...STATUTORY_PARTNERS.map((p) => ({ value: p, text: PARTNER_NAMES[p], checked: p === partner })),
        { divider: 'or' },
        { value: '', text: 'Does not sign for a statutory partner', checked: partner === '' },
      ],
      agencyItems: await agencyItems(actor.partnershipId, options.chosen?.agencyId ?? user.membership.agencyId),
    })
  }

  app.get('/admin/users', { config: manage }, async (request, reply) => {
    const list = await users.list(request.actor!)
    return reply.page('routes/admin/users/view.njk', {
      pageTitle: 'Users',
      users: list.map((u) => ({ ...u, roleName: ROLE_NAMES[u.membership.role] })),
    })
  })

  app.get('/admin/users/invite', { config: manage }, async (request, reply) => {
    return reply.page('routes/admin/invite-user/view.njk', {
      pageTitle: 'Invite a user',
      values: {},
      roleItems: roleItems(),
      agencyItems: await agencyItems(request.actor!.partnershipId),
    })
  })

  app.post('/admin/users/invite', { config: manage }, async (request, reply) => {
    const actor = request.actor!
    const body = (request.body ?? {}) as Record<string, string>
    const values = { displayName: body.displayName, email: body.email }
    const again = async (errors: ReturnType<typeof errorList>) =>
      reply.code(400).page('routes/admin/invite-user/view.njk', {
        pageTitle: 'Invite a user',
        errors,
        values,
        roleItems: roleItems(body.role),
        agencyItems: await agencyItems(actor.partnershipId, body.agencyId),
      })
    const form = parseForm(inviteSchema, body)
    if (!form.ok) return again(errorList(form.errors))
    try {
      const { user, invitationToken } = await users.invite(actor, { ...form.data, role: form.data.role as Role })
      return reply.page('routes/admin/invite-user/sent.njk', {
        pageTitle: 'Invitation created',
        invitedUser: user,
        invitationLink: invitationLink(request, invitationToken),
      })
    } catch (error) {
      if (error instanceof ValidationError) return again(errorList(error.errors))
      throw error
    }
  })

  app.get<{ Params: { id: string }; Querystring: { done?: string } }>(
    '/admin/users/:id',
    { config: manage },
    async (request, reply) => showUser(request, reply, { done: DONE_MESSAGES[request.query.done ?? ''] }),
  )

  app.post<{ Params: { id: string } }>('/admin/users/:id/role', { config: manage }, async (request, reply) => {
    const actor = request.actor!
    const form = parseForm(changeRoleSchema, request.body)
    try {
      if (!form.ok) throw new ValidationError(form.errors)
      await users.changeRole(actor, request.params.id, form.data.role as Role, form.data.agencyId)
      return reply.redirect(`/admin/users/${encodeURIComponent(request.params.id)}?done=role`, 303)
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error
      return showUser(request, reply, {
        status: 400,
        errors: errorList(error.errors),
        chosen: (request.body ?? {}) as Record<string, string>,
      })
    }
  })

  app.post<{ Params: { id: string } }>('/admin/users/:id/partner', { config: manage }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>
    const partner = isStatutoryPartner(body.partner) ? body.partner : null
    try {
      await signOffs.setSignatoryPartner(request.actor!, request.params.id, partner)
      return reply.redirect(`/admin/users/${encodeURIComponent(request.params.id)}?done=partner`, 303)
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error
      return showUser(request, reply, {
        status: 400,
        errors: errorList(error.errors),
        chosen: { partner: partner ?? '' },
      })
    }
  })

  app.post<{ Params: { id: string } }>('/admin/users/:id/password-link', { config: manage }, async (request, reply) => {
    const { user, invitationToken } = await users.issuePasswordLink(request.actor!, request.params.id)
    return reply.page('routes/admin/invite-user/sent.njk', {
      pageTitle: 'Password link created',
      heading: 'Password link created',
      invitedUser: user,
      invitationLink: invitationLink(request, invitationToken),
    })
  })

  const accountActions: ReadonlyArray<{
    path: string
    done: string
    run: (actor: Actor, userId: string) => Promise<void>
  }> = [
    { path: 'reset-second-factor', done: 'second-factor', run: (actor, id) => users.resetSecondFactor(actor, id) },
    { path: 'deactivate', done: 'deactivated', run: (actor, id) => users.deactivate(actor, id) },
    { path: 'reactivate', done: 'reactivated', run: (actor, id) => users.reactivate(actor, id) },
  ]
  for (const { path, done, run } of accountActions) {
    app.post<{ Params: { id: string } }>(`/admin/users/:id/${path}`, { config: manage }, async (request, reply) => {
      try {
        await run(request.actor!, request.params.id)
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error
        return reply
          .code(400)
          .page('errors/bad-request.njk', { pageTitle: 'There is a problem', messages: error.errors })
      }
      return reply.redirect(`/admin/users/${encodeURIComponent(request.params.id)}?done=${done}`, 303)
    })
  }
}
