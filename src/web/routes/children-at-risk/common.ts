import type { Permission } from '../../../modules/access/permissions.ts'
import type { FieldError } from '../../../modules/errors.ts'

/** Route config: signed in, with `permission` (the service checks the review and partnership). */
export const childAccess = (permission: Permission) =>
  ({ routeAccess: { access: 'authenticated', permission } }) as const

/** A version number sent back by a form (0 when missing: never matches, so the save is refused as stale). */
export function version(body: Record<string, unknown>): number {
  const value = Number(typeof body.version === 'string' ? body.version : '')
  return Number.isInteger(value) && value > 0 ? value : 0
}

/**
 * The date input's own message ("The due date must be a real date") says more than the service's "Enter
 * the date the action is due": it replaces the service's message on the date field when there is one.
 */
export function withDateMessage(errors: FieldError[], date: { error: string | null }, field: string): FieldError[] {
  return errors.map((e) => (e.field === field && date.error ? { field, message: date.error } : e))
}
