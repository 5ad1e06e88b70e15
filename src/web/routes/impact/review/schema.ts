import { z } from 'zod'
import { formList, formText } from '../../../form.ts'

/** Planning audits of a recommendation, as typed; checked by the service. */
export const planSchema = z.object({
  recommendationId: formText(100),
  months: formList(),
  otherMonths: formText(10),
  question: formText(2000, { trim: false }),
  sample: formText(2000, { trim: false }),
})
