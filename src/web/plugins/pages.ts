import type { FastifyInstance, FastifyReply } from 'fastify'
import type { Config } from '../../config.ts'
import { ROLE_NAMES, roleAllows, type Permission } from '../../modules/access/permissions.ts'
import type { ResolvedSession } from '../../modules/auth/auth.service.ts'
import type { NamedMembership } from '../../modules/users/user.ts'
import { csrfUserInfo } from './security.ts'

declare module 'fastify' {
  interface FastifyReply {
    /**
     * Render a page inside the layout with what every page needs: CSP nonce, CSRF token,
     * the signed-in user and the navigation for their role. `template` is relative to `src/web`
     * or `src/web/views`.
     */
    page(template: string, data?: Record<string, unknown>): Promise<FastifyReply>
  }
}

/** One item of the service navigation, shown when the role has the permission. */
interface NavigationItem {
  href: string
  text: string
  /** Shown when the role has any of these (always, when absent). */
  permissions?: Permission[]
}

const NAVIGATION: NavigationItem[] = [
  { href: '/dashboard', text: 'Home' },
  { href: '/reviews', text: 'Reviews', permissions: ['review.list'] },
  { href: '/panel', text: 'Panel queue', permissions: ['panel.read'] },
  { href: '/actions', text: 'Actions', permissions: ['action.read'] },
  { href: '/admin/users', text: 'Users', permissions: ['user.manage'] },
  { href: '/admin/audit', text: 'Audit log', permissions: ['audit.read'] },
  { href: '/admin/clocks', text: 'Clocks', permissions: ['clock.manage'] },
  { href: '/admin/outbox', text: 'Outbox', permissions: ['outbox.read'] },
]

/** The header's partnership switcher: shown to a user who works for more than one partnership. */
export interface PartnershipSwitcher {
  readonly current: string
  readonly options: ReadonlyArray<{ value: string; text: string }>
}

/** The switcher for the session's memberships, or null when there is nothing to switch to. */
function partnershipSwitcher(session: ResolvedSession | undefined): PartnershipSwitcher | null {
  if (!session?.membership || session.memberships.length < 2) return null
  return {
    current: session.membership.id,
    options: session.memberships.map((m) => ({ value: m.id, text: membershipLabel(m) })),
  }
}

/** "Fenbridge Safeguarding Children Partnership (review coordinator)": a membership as a person picks it. */
export function membershipLabel(membership: NamedMembership): string {
  const role = ROLE_NAMES[membership.role]
  return `${membership.partnershipName ?? 'National'} (${membership.agencyName ? `${role}, ${membership.agencyName}` : role})`
}

/** Register `reply.page`. */
export function registerPages(app: FastifyInstance, config: Config): void {
  app.decorateReply('page', async function (this: FastifyReply, template: string, data: Record<string, unknown> = {}) {
    const request = this.request
    const actor = request.actor
    const path = request.url.split('?')[0]
    const navigation = actor
      ? NAVIGATION.filter((item) => !item.permissions || item.permissions.some((p) => roleAllows(actor.role, p))).map(
          (item) => ({
            href: item.href,
            text: item.text,
            active: path === item.href || path.startsWith(`${item.href}/`),
          }),
        )
      : []
    // Pages with forms or personal data must not be kept by browsers or proxies.
    this.header('Cache-Control', 'no-store')
    this.type('text/html; charset=utf-8')
    const html = await this.viewAsync(template, {
      cspNonce: this.cspNonce?.script,
      csrfToken: this.generateCsrf({ userInfo: csrfUserInfo(request) }),
      signedIn: actor !== null,
      actor,
      roleName: actor ? ROLE_NAMES[actor.role] : null,
      // From the session's own row (read on every request), so never stale on any instance.
      partnershipName: actor ? (request.resolvedSession?.membership?.partnershipName ?? null) : null,
      partnershipSwitcher: actor ? partnershipSwitcher(request.resolvedSession) : null,
      navigation,
      demoMode: config.demoMode,
      currentPath: path,
      ...data,
    })
    return this.send(html)
  })
}
