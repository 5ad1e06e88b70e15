import { z } from 'zod'
import { formText } from '../../../form.ts'

/**
 * The correction form: every field of the entry as typed, the reason, and the version the form was
 * opened at (a stale version is refused by the service). The service checks the text; the schema
 * only reads the body, so a problem never loses what was typed.
 */
export const correctionSchema = z.object({
  date: formText(),
  time: formText(),
  sourceRecord: formText(),
  practitionerRole: formText(),
  peopleInvolved: formText(),
  event: formText(),
  actionTaken: formText(),
  outcome: formText(),
  significance: formText(),
  reason: formText(),
  version: formText(20),
})
