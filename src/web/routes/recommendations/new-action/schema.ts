import { z } from 'zod'
import { formText } from '../../../form.ts'

/**
 * An action of an action plan as the form sends it: what, which agency, who owns it, and the due date
 * as its three GOV.UK date-input parts. Text is kept as typed (not trimmed) so a refused form shows it
 * back unchanged; the service checks it and the date input reads the date.
 */
export const actionSchema = z.object({
  description: formText(20_000, { trim: false }),
  agencyId: formText(100, { trim: false }),
  owner: formText(600, { trim: false }),
  'dueDate-day': formText(10, { trim: false }),
  'dueDate-month': formText(10, { trim: false }),
  'dueDate-year': formText(10, { trim: false }),
})
