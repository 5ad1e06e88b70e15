import type { Permission } from '../../../modules/access/permissions.ts'
import type { FieldError } from '../../../modules/errors.ts'
import {
  ACTION_STATUS_NAMES,
  ACTION_STATUS_TAGS,
  type ActionStatus,
} from '../../../modules/recommendations/action-plan.ts'
import type { ActionItem } from '../../../modules/recommendations/recommendation.service.ts'
import { formatLongDate } from '../../../modules/clocks/plain-date.ts'

/** Route config: signed in, with `permission` (the service checks the review, partnership and agency scope). */
export const planAccess = (permission: Permission) =>
  ({ routeAccess: { access: 'authenticated', permission } }) as const

/** A form field as a string as typed, at most `max` characters (or ''). Not trimmed: what was typed is shown back. */
export function field(body: unknown, name: string, max = 20_000): string {
  const value = (body as Record<string, unknown> | undefined)?.[name]
  return typeof value === 'string' ? value.slice(0, max) : ''
}

/** A form field that may repeat (checkboxes), as strings. */
export function fields(body: unknown, name: string): string[] {
  const value = (body as Record<string, unknown> | undefined)?.[name]
  return (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter(
    (v): v is string => typeof v === 'string',
  )
}

/** A version number sent back by a form (0 when missing: never matches, so the save is refused as stale). */
export function version(body: unknown): number {
  const value = Number(field(body, 'version', 20))
  return Number.isInteger(value) && value > 0 ? value : 0
}

/** Paragraphs of a typed text (blank lines separate them), for pages. */
export function paragraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
}

/** The GOV.UK tag of a status. */
export function statusTag(status: ActionStatus): { text: string; classes: string } {
  return { text: ACTION_STATUS_NAMES[status], classes: ACTION_STATUS_TAGS[status] }
}

/** An action as a table row of pages. */
export function actionRow(action: ActionItem) {
  return {
    id: action.id,
    number: `${action.recommendationNumber}.${action.number}`,
    description: action.description,
    agency: action.agencyName,
    owner: action.owner,
    due: formatLongDate(action.dueDate),
    status: statusTag(action.status),
    overdue: action.overdue,
    review: action.reviewPseudonym ? `${action.reviewReference} (${action.reviewPseudonym})` : action.reviewReference,
  }
}

/**
 * The due date's own message ("The due date must be a real date") is more helpful than the service's
 * "Enter the due date": it replaces the service's message on the date field when the input has one.
 */
export function withDateMessage(errors: FieldError[], date: { error: string | null }, fieldName = 'dueDate-day') {
  return errors.map((e) => (e.field === fieldName && date.error ? { field: e.field, message: date.error } : e))
}
