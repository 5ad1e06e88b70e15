import { z } from 'zod'
import { formText } from '../../../form.ts'

/** Taking the case on as a national review: why it is of national importance. */
export const nationalReviewSchema = z.object({
  nationalReasons: formText(10_000, { trim: false }),
})
