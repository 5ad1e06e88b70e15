import { z } from 'zod'
import { formText } from '../../../form.ts'

/** A dissemination record as the form sends it; kept as typed, checked by the service. */
export const recordSchema = z.object({
  agencyId: formText(100),
  method: formText(50),
  'sharedOn-day': formText(10, { trim: false }),
  'sharedOn-month': formText(10, { trim: false }),
  'sharedOn-year': formText(10, { trim: false }),
  practitioners: formText(20, { trim: false }),
  note: formText(4000, { trim: false }),
})
