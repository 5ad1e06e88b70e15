import { z } from 'zod'
import { formText } from '../../../form.ts'

/** A progress update on an action as the form sends it, with the version of the action it was opened at. */
export const progressSchema = z.object({
  note: formText(20_000, { trim: false }),
  status: formText(40, { trim: false }),
  version: formText(20, { trim: false }),
})
