import { z } from 'zod'
import { formList, formText } from '../../../form.ts'

/** A recommendation as the form sends it (kept as typed; the service checks it), its findings and version. */
export const recommendationSchema = z.object({
  addressedTo: formText(600, { trim: false }),
  action: formText(20_000, { trim: false }),
  measureOfSuccess: formText(20_000, { trim: false }),
  timescale: formText(600, { trim: false }),
  findingIds: formList(),
  version: formText(20, { trim: false }),
})
