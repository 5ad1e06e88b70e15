import { z } from 'zod'
import { ROLES, roleIsNational } from '../../../../modules/access/permissions.ts'

/** Roles an administrator can give within a partnership (the national Panel's roles are not partnership roles). */
export const PARTNERSHIP_ROLES = ROLES.filter((role) => !roleIsNational(role))

const roleField = z.enum(PARTNERSHIP_ROLES as [string, ...string[]], { message: 'Select a role' })
const agencyField = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() ? v.trim() : null))

export const inviteSchema = z.object({
  displayName: z
    .string()
    .trim()
    .min(1, 'Enter the person’s full name')
    .max(200, 'Full name must be 200 characters or fewer'),
  email: z.string().trim().min(1, 'Enter an email address').max(254, 'Email address must be 254 characters or fewer'),
  role: roleField,
  agencyId: agencyField,
})

export const changeRoleSchema = z.object({ role: roleField, agencyId: agencyField })
