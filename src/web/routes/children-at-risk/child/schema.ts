import { z } from 'zod'
import { formText } from '../../../form.ts'

/**
 * Another child at risk as the add and change forms send it: the child, how they are related, the concern,
 * the safety action, who is responsible and the due date as its three GOV.UK date-input parts. Text is kept
 * as typed (not trimmed) so a refused form shows it back unchanged; the service checks it and the date
 * input reads the date.
 */
export const childSchema = z.object({
  name: formText(600, { trim: false }),
  age: formText(200, { trim: false }),
  relationship: formText(50, { trim: false }),
  relationshipDetail: formText(600, { trim: false }),
  concern: formText(10_000, { trim: false }),
  safetyAction: formText(10_000, { trim: false }),
  agencyId: formText(100, { trim: false }),
  responsiblePerson: formText(600, { trim: false }),
  'dueDate-day': formText(10, { trim: false }),
  'dueDate-month': formText(10, { trim: false }),
  'dueDate-year': formText(10, { trim: false }),
  version: formText(20),
})
export type ChildForm = z.infer<typeof childSchema>
