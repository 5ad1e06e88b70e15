import { z } from 'zod'

export const signInSchema = z.object({
  email: z.string().trim().min(1, 'Enter your email address').max(254, 'Email address must be 254 characters or fewer'),
  password: z.string().min(1, 'Enter your password').max(1024, 'Password must be 1024 characters or fewer'),
})
