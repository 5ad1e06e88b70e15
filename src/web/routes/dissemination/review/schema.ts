import { z } from 'zod'
import { formList, formText } from '../../../form.ts'

/** Asking agencies to share the learning: which agencies, and the date (three GOV.UK date-input parts). */
export const askSchema = z.object({
  agencyIds: formList(),
  'dueDate-day': formText(10, { trim: false }),
  'dueDate-month': formText(10, { trim: false }),
  'dueDate-year': formText(10, { trim: false }),
})
