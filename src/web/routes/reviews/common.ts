import type { Actor } from '../../../modules/access/actor.ts'
import type { Services } from '../../../composition.ts'

/** Route config for review pages: signed in, with a permission. */
export const reviewAccess = (
  permission: 'review.list' | 'review.read' | 'review.create' | 'review.manage' | 'review.decide',
) => ({ routeAccess: { access: 'authenticated', permission } }) as const

/** The partnership's agencies as checkbox or select items. */
export async function agencyNames(services: Services, actor: Actor): Promise<string[]> {
  return services.reviews.agencyNames(actor)
}

/** The message shown when someone else saved first; the user's typed values are shown again. */
export const STALE_MESSAGE =
  'Someone else saved this review after you opened it. Your changes are shown below and have not been saved: check them and save again'
