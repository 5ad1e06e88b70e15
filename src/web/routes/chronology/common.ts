/** Route config: signed in, with a chronology permission (the service checks scope). */
export const chronologyAccess = (
  permission: 'chronology.read' | 'chronology.submit' | 'review.manage' | 'report.write',
) => ({ routeAccess: { access: 'authenticated', permission } }) as const

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
