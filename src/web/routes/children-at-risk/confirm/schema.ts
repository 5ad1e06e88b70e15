import { z } from 'zod'
import { formText } from '../../../form.ts'

/**
 * The confirmation form: the date the safety action was confirmed (three GOV.UK date-input parts), who
 * confirmed it and a note. Kept as typed; the service checks it and the date input reads the date.
 */
export const confirmSchema = z.object({
  'confirmedOn-day': formText(10, { trim: false }),
  'confirmedOn-month': formText(10, { trim: false }),
  'confirmedOn-year': formText(10, { trim: false }),
  confirmedBy: formText(600, { trim: false }),
  note: formText(10_000, { trim: false }),
  version: formText(20),
})
export type ConfirmForm = z.infer<typeof confirmSchema>
