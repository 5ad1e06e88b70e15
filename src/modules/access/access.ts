import type { Actor } from './actor.ts'
import { roleAllows, type Permission } from './permissions.ts'

/** Thrown when an actor may not do something. The web layer turns it into a 403 page. */
export class AccessDeniedError extends Error {
  override name = 'AccessDeniedError'
  readonly permission: Permission
  constructor(permission: Permission, message = 'You do not have permission to do that') {
    super(message)
    this.permission = permission
  }
}

/** Something recorded when access is refused (the audit service implements it). */
export interface RefusalRecorder {
  recordRefusal(actor: Actor, permission: Permission, resource?: { type: string; id: string | null }): Promise<void>
}

/**
 * The one access check at the top of every service method.
 *
 * Contract: resolves when the actor's role grants `permission` and, when `scope.partnershipId`
 * is given, the actor acts for that partnership; otherwise records the refusal (audited) and
 * throws {@link AccessDeniedError}. A user of one partnership can never pass a check scoped to
 * another.
 */
export async function assertAllowed(
  recorder: RefusalRecorder,
  actor: Actor,
  permission: Permission,
  scope: { partnershipId?: string | null; resource?: { type: string; id: string | null } } = {},
): Promise<void> {
  const roleOk = roleAllows(actor.role, permission)
  const partnershipOk = scope.partnershipId === undefined || scope.partnershipId === actor.partnershipId
  if (roleOk && partnershipOk) return
  await recorder.recordRefusal(actor, permission, scope.resource)
  throw new AccessDeniedError(permission)
}
