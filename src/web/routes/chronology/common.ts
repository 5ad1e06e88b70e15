import type { Services } from '../../../composition.ts'
import { ChronologyRepository } from '../../../modules/chronology/chronology.repository.ts'
import { ChronologyService } from '../../../modules/chronology/chronology.service.ts'

/** Route config: signed in, with a chronology permission (the service checks scope). */
export const chronologyAccess = (
  permission: 'chronology.read' | 'chronology.submit' | 'review.manage' | 'report.write',
) => ({ routeAccess: { access: 'authenticated', permission } }) as const

/**
 * The chronology service for the app. Constructed here because composition.ts is not this module's to
 * change yet; it should move there (see the report of issue 5).
 */
export function chronologyServiceFor(services: Services): ChronologyService {
  return new ChronologyService({
    repository: new ChronologyRepository(services.database.db),
    reviews: services.reviews,
    audit: services.audit,
    partnerships: services.repositories.partnerships,
  })
}

/** A form field as a trimmed string (or ''). */
export function text(body: unknown, name: string, max = 20_000): string {
  const value = (body as Record<string, unknown> | undefined)?.[name]
  return typeof value === 'string' ? value.trim().slice(0, max) : ''
}

/** A form field that may repeat, as strings. */
export function list(body: unknown, name: string): string[] {
  const value = (body as Record<string, unknown> | undefined)?.[name]
  return (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter(
    (v): v is string => typeof v === 'string',
  )
}
