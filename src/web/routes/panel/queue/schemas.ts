import { z } from 'zod'
import { formText } from '../../../form.ts'

/** The queue's filters (a GET form: no JavaScript needed); unknown values are ignored by the service. */
export const queueFiltersSchema = z.object({
  region: formText(200),
  ageBand: formText(40),
  harm: formText(40),
  stage: formText(40),
  waiting: formText(60),
})
