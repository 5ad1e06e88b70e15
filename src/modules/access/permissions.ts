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
  'national_panel_member',
  'panel_secretariat',
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
  national_viewer: 'Inspector or national viewer (read only)',
  national_panel_member: 'National Panel member',
  panel_secretariat: 'National Panel secretariat',
  administrator: 'Administrator',
}

export const PERMISSIONS = [
  /** See one's own tasks on Home (each task is gathered through the service it comes from, with its own check). */
  'task.read',
  'user.manage',
  'audit.read',
  'audit.export',
  'clock.manage',
  /** See the email outbox and send queued email now. */
  'outbox.read',
  'review.list',
  /** Read a review's summary page (its stage, clocks, members and pseudonymised children). */
  'review.readSummary',
  /** Read a review's case material (people, documents, files, reports) within the actor's reach. */
  'review.read',
  /** Reach: every review of the actor's partnership. */
  'review.readAll',
  /** Reach: the reviews of the actor's partnership they are a member of. */
  'review.readAsMember',
  /** Reach: the reviews their agency is asked to contribute to, and only their own agency's material in them. */
  'review.readAsAskedAgency',
  'review.create',
  'review.manage',
  'review.decide',
  'review.signOff',
  'review.approvePublication',
  'review.revealOriginal',
  'review.comment',
  'report.write',
  'contribution.submit',
  /** Reach: submitted notifications of every partnership (the national Panel), and nothing before submission. */
  'notification.readNational',
  'repository.curate',
  /** The national Panel's workspace: the queue of every partnership's submitted notifications and each case's page. */
  'panel.read',
  /** Record the Panel's response to a rapid review, or its agreement or challenge to a decision not to review. */
  'panel.respond',
  /** Record the Panel's quality evaluation of a final report it has received. */
  'panel.evaluate',
  /** Decide that a case is of national importance and take it on as a national review. */
  'panel.nationalReview',
  /** The national figures page: notifications, decisions, reviews and timeliness by region, small numbers suppressed. */
  'panel.figures',
  /** Answer the national Panel on one of the partnership's reviews (its response, challenge or evaluation). */
  'panel.answer',
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
  /**
   * Read a review's other children at risk (siblings, household and contact children) and their safety
   * actions; their names only with `review.revealOriginal` as well.
   */
  'childAtRisk.read',
  /** Record, change and confirm the safety actions for other children at risk. */
  'childAtRisk.manage',
  /** Read how a review's learning was shared, by agency (agency contributors: their own agency's). */
  'dissemination.read',
  /** Ask agencies to share a review's learning by a date. */
  'dissemination.manage',
  /** Record how the learning was shared (agency contributors: for their own agency). */
  'dissemination.record',
  /** Read the follow-up audits of a review's recommendations and whether they showed impact. */
  'impact.read',
  /** Plan follow-up audits of recommendations and record what they found. */
  'impact.manage',
  /** Read the partnership's year in figures (for the annual report). */
  'partnershipYear.read',
] as const
export type Permission = (typeof PERMISSIONS)[number]

/**
 * What each role may do: the one table. Two kinds of permission sit in it.
 *
 * - Actions (`review.read`, `chronology.submit`, …): what the role may do at all.
 * - Reach (`review.readAll`, `review.readAsMember`, `review.readAsAskedAgency`,
 *   `notification.readNational`): which reviews (and which agency's material in them) the actions
 *   apply to. The access policy (access.policy.ts) reads reach from here; no service names a role.
 */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  coordinator: [
    'task.read',
    'review.readAll',
    'review.list',
    'review.readSummary',
    'review.read',
    'review.create',
    'review.manage',
    'review.revealOriginal',
    'review.comment',
    'report.write',
    'repository.curate',
    'panel.answer',
    'chronology.read',
    'agencyReport.read',
    'chronology.submit',
    'action.read',
    'action.update',
    'childAtRisk.read',
    'childAtRisk.manage',
    'dissemination.read',
    'dissemination.manage',
    'dissemination.record',
    'impact.read',
    'impact.manage',
    'partnershipYear.read',
  ],
  chair: [
    'task.read',
    'review.readAll',
    'review.list',
    'review.readSummary',
    'review.read',
    'review.decide',
    'review.signOff',
    'review.approvePublication',
    'review.revealOriginal',
    'review.comment',
    'panel.answer',
    'chronology.read',
    'agencyReport.read',
    'action.read',
    'childAtRisk.read',
    'dissemination.read',
    'impact.read',
    'partnershipYear.read',
  ],
  lead_reviewer: [
    'task.read',
    'review.readAsMember',
    'review.list',
    'review.readSummary',
    'review.read',
    'review.revealOriginal',
    'review.comment',
    'report.write',
    'chronology.read',
    'agencyReport.read',
    'action.read',
    'childAtRisk.read',
    'dissemination.read',
    'impact.read',
  ],
  panel_member: [
    'task.read',
    'review.readAsMember',
    'review.list',
    'review.readSummary',
    'review.read',
    'review.comment',
    'chronology.read',
    'agencyReport.read',
    'action.read',
    'childAtRisk.read',
    'dissemination.read',
    'impact.read',
  ],
  agency_contributor: [
    'task.read',
    'review.readAsAskedAgency',
    'review.list',
    'review.readSummary',
    'contribution.submit',
    'chronology.read',
    'agencyReport.read',
    'agencyReport.write',
    'chronology.submit',
    'action.read',
    'action.update',
    'dissemination.read',
    'dissemination.record',
  ],
  // The national roles (ADR 0038) read submitted notifications and decisions (the summary page) and the
  // Panel's workspace, never a partnership's working material, and no national role reveals real names
  // (review.revealOriginal would also open the partnership's people and anonymisation pages to them).
  // The inspector (the earlier national viewer) reads only.
  national_viewer: [
    'task.read',
    'notification.readNational',
    'review.list',
    'review.readSummary',
    'panel.read',
    'panel.figures',
  ],
  // The Panel's members decide: responses, challenges, quality evaluations and national reviews.
  national_panel_member: [
    'task.read',
    'notification.readNational',
    'review.list',
    'review.readSummary',
    'panel.read',
    'panel.figures',
    'panel.respond',
    'panel.evaluate',
    'panel.nationalReview',
  ],
  // The secretariat runs the queue and records the Panel's responses and evaluations; taking a case on
  // as a national review is the Panel's own decision.
  panel_secretariat: [
    'task.read',
    'notification.readNational',
    'review.list',
    'review.readSummary',
    'panel.read',
    'panel.figures',
    'panel.respond',
    'panel.evaluate',
  ],
  administrator: [
    'task.read',
    'user.manage',
    'audit.read',
    'audit.export',
    'clock.manage',
    'outbox.read',
    'repository.curate',
  ],
}

/** True when `role` grants `permission`. */
export function roleAllows(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission)
}

/**
 * True when people with `role` work for one agency (their membership names it): the roles whose reach
 * is their agency's (`review.readAsAskedAgency`).
 */
export function roleWorksForAnAgency(role: Role): boolean {
  return roleAllows(role, 'review.readAsAskedAgency')
}

/**
 * True when people with `role` work for the national Panel, not for one partnership (their membership names
 * none): the roles whose reach is national (`notification.readNational`).
 */
export function roleIsNational(role: Role): boolean {
  return roleAllows(role, 'notification.readNational')
}

/** Roles that can see case material and therefore must sign in with a second factor (all of them here). */
export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value)
}
