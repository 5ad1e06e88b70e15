import type { FastifyInstance, FastifyReply } from 'fastify'
import type { Config } from '../../config.ts'
import { ROLE_NAMES, roleAllows, type Permission } from '../../modules/access/permissions.ts'
import type { Actor } from '../../modules/access/actor.ts'
import type { PartnershipDirectory } from '../../modules/partnerships/partnership.ts'
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

/** Register `reply.page`. */
export function registerPages(app: FastifyInstance, config: Config, partnerships: PartnershipDirectory): void {
  const partnershipNames = new Map<string, string>()
  async function partnershipName(actor: Actor | null): Promise<string | null> {
    if (!actor?.partnershipId) return null
    let name = partnershipNames.get(actor.partnershipId)
    if (!name) {
      name = (await partnerships.findById(actor.partnershipId))?.name ?? ''
      partnershipNames.set(actor.partnershipId, name)
    }
    return name
  }

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
      partnershipName: await partnershipName(actor),
      navigation,
      demoMode: config.demoMode,
      currentPath: path,
      ...data,
    })
    return this.send(html)
  })
}
