import type { Role } from './permissions.ts'

/**
 * Who is acting: the signed-in user in the partnership context of their session.
 * Built by the web layer from the session; services receive it as their first argument.
 */
export interface Actor {
  readonly userId: string
  readonly email: string
  readonly displayName: string
  readonly role: Role
  /** The partnership the user is acting for; null for the national viewer. */
  readonly partnershipId: string | null
  /** For agency contributors: their agency. */
  readonly agencyId: string | null
  /** Where the request came from, for the audit log. */
  readonly ip: string | null
  readonly userAgent: string | null
}
