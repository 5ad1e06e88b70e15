import { z } from 'zod'
import { formText } from '../../../form.ts'

/** A finding as the form sends it (kept as typed; the service checks it) and the version it was opened at. */
export const findingSchema = z.object({
  title: formText(400, { trim: false }),
  text: formText(20_000, { trim: false }),
  theme: formText(100, { trim: false }),
  version: formText(20, { trim: false }),
})
