import { z } from 'zod'

const isoDate = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined))
  .refine(
    (v) =>
      v === undefined ||
      (/^\d{4}-\d{2}-\d{2}$/.test(v) &&
        !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) &&
        new Date(`${v}T00:00:00Z`).toISOString().startsWith(v)),
    {
      message: 'Enter a real date in the format 2026-11-25',
    },
  )

/** Audit log filters from the query string (all optional). */
export const auditFilterSchema = z.object({
  action: z
    .string()
    .trim()
    .max(100)
    .optional()
    .transform((v) => v || undefined),
  actorEmail: z
    .string()
    .trim()
    .max(254)
    .optional()
    .transform((v) => v || undefined),
  outcome: z
    .enum(['', 'success', 'failure', 'refused'])
    .optional()
    .transform((v) => v || undefined),
  from: isoDate,
  to: isoDate,
  page: z.coerce.number().int().min(1).max(100000).optional().catch(1),
})
