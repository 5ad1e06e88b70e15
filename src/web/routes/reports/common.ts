import type { Permission } from '../../../modules/access/permissions.ts'
import { NotFoundError } from '../../../modules/errors.ts'
import { kindFromSlug, templateOf, type ReportKind } from '../../../modules/reports/report-template.ts'

/** Route config: signed in, with `permission` (the service checks the review's scope). */
export const reportAccess = (permission: Permission) =>
  ({ routeAccess: { access: 'authenticated', permission } }) as const

/** Params of every page of one document. */
export type KindParams = { id: string; reportKind: string }

/** The kind named by a URL (`overview-report`, `executive-summary`). @throws NotFoundError for any other. */
export function kindOf(params: { reportKind: string }): ReportKind {
  const kind = kindFromSlug(params.reportKind)
  if (!kind) throw new NotFoundError('Report not found')
  return kind
}

/** The base URL of a document's pages. */
export function documentUrl(reviewId: string, kind: ReportKind): string {
  return `/reviews/${reviewId}/report/${templateOf(kind).slug}`
}

/** A form field as a string, as typed (or ''). */
export function field(body: unknown, name: string, max = 250_000): string {
  const value = (body as Record<string, unknown> | undefined)?.[name]
  return typeof value === 'string' ? value.slice(0, max) : ''
}

/** A whole number from a form or query field, or NaN. */
export function wholeNumber(value: unknown): number {
  return typeof value === 'string' && /^\d{1,9}$/.test(value.trim()) ? Number(value.trim()) : Number.NaN
}
