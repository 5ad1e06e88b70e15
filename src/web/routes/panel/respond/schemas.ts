import { z } from 'zod'
import { formText } from '../../../form.ts'

/** The Panel's response on a rapid review or a decision (the service checks the outcome against the topic). */
export const respondSchema = z.object({
  outcome: formText(40),
  reasons: formText(10_000, { trim: false }),
  questions: formText(10_000, { trim: false }),
  steps: z.coerce.number().int().min(0).catch(-1),
})
