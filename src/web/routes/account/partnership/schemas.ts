import { z } from 'zod'

/** `POST /account/partnership`: the membership (one per partnership the user works for) to act through. */
export const switchPartnershipSchema = z.object({
  membership: z
    .string({ error: 'Select the partnership you are working for' })
    .trim()
    .min(1, 'Select the partnership you are working for')
    .max(100, 'Select the partnership you are working for'),
})
