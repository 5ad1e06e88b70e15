import type { Role } from '../access/permissions.ts'

/** A user as the services see it (never includes the password hash or second-factor secret). */
export interface User {
  id: string
  email: string
  displayName: string
  hasPassword: boolean
  secondFactorEnrolled: boolean
  failedSignInCount: number
  lockedUntil: string | null
  deactivatedAt: string | null
  createdAt: string
}

/** A user's role in one partnership (and, for agency contributors, their agency). */
export interface Membership {
  id: string
  userId: string
  partnershipId: string | null
  role: Role
  agencyId: string | null
}

/** A membership with the names a person chooses it by (the partnership switcher). */
export interface NamedMembership extends Membership {
  /** Null for a national membership (not tied to one partnership). */
  partnershipName: string | null
  agencyName: string | null
}

/** A member of a partnership with their membership and agency name, as services list them. */
export interface PartnershipUser extends User {
  membership: Membership
  agencyName: string | null
}

/**
 * Read access to users and their memberships, as other slices use it: the shape `UserRepository`
 * implements, so a caller outside the slice names no repository.
 */
export interface UserDirectory {
  /** The user with that (normalised) email address, or undefined. */
  findByEmail(email: string): Promise<User | undefined>
  /** Every membership the user holds (one per partnership). */
  memberships(userId: string): Promise<Membership[]>
  /** The partnership's members, with their memberships. */
  listForPartnership(partnershipId: string): Promise<PartnershipUser[]>
}

/** Lower-case and trim an email address so that one person has one account. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase()
}

/** A loose check of email shape for form validation (delivery is the real test). */
export function looksLikeEmail(email: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())
}
