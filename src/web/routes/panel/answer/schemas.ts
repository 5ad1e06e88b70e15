import { z } from 'zod'
import { formText } from '../../../form.ts'

/** The partnership's answer to the Panel (the service checks the outcome against the topic). */
export const answerSchema = z.object({
  outcome: formText(40),
  reasons: formText(10_000, { trim: false }),
  steps: z.coerce.number().int().min(0).catch(-1),
})
