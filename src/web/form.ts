import type { z } from 'zod'
import type { FieldError } from '../modules/errors.ts'

/**
 * Validate a submitted form with a zod schema whose messages are GOV.UK error messages
 * ("Enter your email address"). Returns the typed data, or one error per field (the first
 * problem of each field, as the GOV.UK error summary expects).
 */
export function parseForm<S extends z.ZodType>(
  schema: S,
  body: unknown,
): { ok: true; data: z.infer<S> } | { ok: false; errors: FieldError[] } {
  const result = schema.safeParse(body ?? {})
  if (result.success) return { ok: true, data: result.data }
  const errors: FieldError[] = []
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? 'form')
    if (!errors.some((e) => e.field === field)) errors.push({ field, message: issue.message })
  }
  return { ok: false, errors }
}
