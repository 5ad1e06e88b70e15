import { z } from 'zod'
import { QUALITY_CRITERIA } from '../../../../modules/panel/panel.ts'
import { formText } from '../../../form.ts'

/** The quality evaluation: a rating and comment per quality marker, an overall rating and its reasons. */
export const qualitySchema = z.object({
  outcome: formText(40),
  reasons: formText(10_000, { trim: false }),
  steps: z.coerce.number().int().min(0).catch(-1),
  ...Object.fromEntries(
    QUALITY_CRITERIA.flatMap((c) => [
      [`rating-${c.key}`, formText(40)],
      [`comment-${c.key}`, formText(5_000, { trim: false })],
    ]),
  ),
})

/** The form's ratings as the service takes them. */
export function ratingsFrom(data: Record<string, unknown>): Record<string, { rating: string; comment: string }> {
  return Object.fromEntries(
    QUALITY_CRITERIA.map((c) => [
      c.key,
      { rating: String(data[`rating-${c.key}`] ?? ''), comment: String(data[`comment-${c.key}`] ?? '') },
    ]),
  )
}
