/** Kinds of agency a partnership works with (section 4 of the domain reference). */
export const AGENCY_KINDS = [
  'police',
  'childrens_social_care',
  'health_visiting',
  'gp',
  'hospital',
  'midwifery',
  'school',
  'nursery',
  'camhs',
  'substance_misuse_service',
  'probation',
  'housing',
  'other',
] as const
export type AgencyKind = (typeof AGENCY_KINDS)[number]

export interface Partnership {
  id: string
  name: string
  region: string
}

export interface Agency {
  id: string
  partnershipId: string
  name: string
  kind: string
}

/**
 * Read access to partnerships and their agencies (reference data), as pages and services use it:
 * the shape `PartnershipRepository` implements, so a caller outside the slice names no repository.
 */
export interface PartnershipDirectory {
  /** The partnership, or undefined when there is none with that id. */
  findById(id: string): Promise<Partnership | undefined>
  /** The partnership's agencies (none for an unknown partnership). */
  listAgencies(partnershipId: string): Promise<Agency[]>
}
