import { z } from 'zod'
import { formText } from '../../../form.ts'

/** An audit's finding as the form sends it; kept as typed, checked by the service. */
export const findingSchema = z.object({
  'auditedOn-day': formText(10, { trim: false }),
  'auditedOn-month': formText(10, { trim: false }),
  'auditedOn-year': formText(10, { trim: false }),
  finding: formText(10_000, { trim: false }),
  practiceChanged: formText(10),
})
