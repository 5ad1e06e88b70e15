/**
 * Roles and permissions: one table in code. Every service method starts with one call to
 * `assertAllowed` (access.ts) naming a permission from this table.
 *
 * Permissions are `resource.action`. A role's permissions are the only thing that decides what
 * it may do; scope (which partnership, which review, which agency) is checked separately.
 */

/** Roles, from section 8 of the domain reference. */
export const ROLES = [
  'coordinator',
  'chair',
  'lead_reviewer',
  'panel_member',
  'agency_contributor',
  'national_viewer',
  'administrator',
] as const
export type Role = (typeof ROLES)[number]

/** Plain-English names of roles, shown on screens. */
export const ROLE_NAMES: Record<Role, string> = {
  coordinator: 'Review coordinator (board business manager)',
  chair: 'Board chair or safeguarding partner',
  lead_reviewer: 'Lead reviewer',
  panel_member: 'Review panel member',
  agency_contributor: 'Agency contributor',
  national_viewer: 'National panel or inspector (read only)',
  administrator: 'Administrator',
}

export const PERMISSIONS = [
  'user.manage',
  'audit.read',
  'audit.export',
  'clock.manage',
  /** See the email outbox and send queued email now. */
  'outbox.read',
  'review.list',
  'review.read',
  'review.create',
  'review.manage',
  'review.decide',
  'review.signOff',
  'review.approvePublication',
  'review.revealOriginal',
  'review.comment',
  'report.write',
  'contribution.submit',
  'notification.readNational',
  'repository.curate',
  /** Read a review's chronology: the integrated one, or (agency contributors) their own agency's entries. */
  'chronology.read',
  /** Import, enter and submit an agency's chronology entries. */
  'chronology.submit',
  /** Read agency reports (IMRs): submitted ones in readable reviews; agency contributors their own agency's. */
  'agencyReport.read',
  /** Write, upload and submit the own agency's report (agency contributors). */
  'agencyReport.write',
  /** Read action plans (agency contributors: only their own agency's actions; panel and reviewers: their reviews'). */
  'action.read',
  /** Add progress notes and evidence of impact to an action (agency contributors: their own agency's). */
  'action.update',
] as const
export type Permission = (typeof PERMISSIONS)[number]

/**
 * What each role may do. Scope rules on top of this (applied by the services):
 * lead reviewers and panel members only within reviews they are part of; agency contributors only
 * their own agency's material in reviews they are asked to contribute to; national viewers only
 * notifications and decisions sent to the Panel.
 */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  coordinator: [
    'review.list',
    'review.read',
    'review.create',
    'review.manage',
    'review.revealOriginal',
    'review.comment',
    'report.write',
    'repository.curate',
    'chronology.read',
    'agencyReport.read',
    'chronology.submit',
    'action.read',
    'action.update',
  ],
  chair: [
    'review.list',
    'review.read',
    'review.decide',
    'review.signOff',
    'review.approvePublication',
    'review.revealOriginal',
    'review.comment',
    'chronology.read',
    'agencyReport.read',
    'action.read',
  ],
  lead_reviewer: [
    'review.list',
    'review.read',
    'review.revealOriginal',
    'review.comment',
    'report.write',
    'chronology.read',
    'agencyReport.read',
    'action.read',
  ],
  panel_member: ['review.list', 'review.read', 'review.comment', 'chronology.read', 'agencyReport.read', 'action.read'],
  agency_contributor: [
    'review.list',
    'contribution.submit',
    'chronology.read',
    'agencyReport.read',
    'agencyReport.write',
    'chronology.submit',
    'action.read',
    'action.update',
  ],
  national_viewer: ['notification.readNational'],
  administrator: ['user.manage', 'audit.read', 'audit.export', 'clock.manage', 'outbox.read', 'repository.curate'],
}

/** True when `role` grants `permission`. */
export function roleAllows(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission)
}

/** Roles that can see case material and therefore must sign in with a second factor (all of them here). */
export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value)
}
