import type { ReportTables } from '../modules/reports/report.tables.ts'
import type { RecommendationTables } from '../modules/recommendations/recommendation.tables.ts'
import type { PublicationTables } from '../modules/publication/publication.tables.ts'
import type { AgencyReportTables } from '../modules/agency-reports/agency-report.tables.ts'
import type { ChronologyPeopleTables } from '../modules/chronology/chronology-people.tables.ts'
import type { ChronologyEpisodeTables } from '../modules/chronology/chronology-episode.tables.ts'
import type { ChronologySharingTables } from '../modules/chronology/chronology-sharing.tables.ts'
import type { ChronologyEntryRevisionTables } from '../modules/chronology/chronology-entry-revision.tables.ts'
import type { OutboxTables } from '../modules/outbox/outbox.tables.ts'
import type { RepositoryIngestTables } from '../modules/published-reviews/repository-ingest.tables.ts'
import type { ChronologyImportTables } from '../modules/chronology/chronology-import.tables.ts'
import type { ChildAtRiskTables } from '../modules/children-at-risk/child-at-risk.tables.ts'
import type { DisseminationTables } from '../modules/dissemination/dissemination.tables.ts'
import type { PanelTables } from '../modules/panel/panel.tables.ts'
import type { ImpactTables } from '../modules/impact/impact.tables.ts'
/**
 * The database schema as Kysely sees it. One schema for both dialects: the migrations use only
 * portable types, so timestamps are ISO 8601 UTC strings (`2026-11-25T22:14:30.000Z`, which sort
 * correctly as text), booleans are integers 0/1, and structured values are JSON text.
 */
export interface Database {
  partnership: PartnershipTable
  agency: AgencyTable
  app_user: AppUserTable
  membership: MembershipTable
  recovery_code: RecoveryCodeTable
  invitation: InvitationTable
  session: SessionTable
  audit_event: AuditEventTable
  audit_chain_head: AuditChainHeadTable
  review: ReviewTable
  review_child: ReviewChildTable
  review_milestone: ReviewMilestoneTable
  review_stage_change: ReviewStageChangeTable
  review_member: ReviewMemberTable
  review_link: ReviewLinkTable
  clock_definition: ClockDefinitionTable
  clock_extension: ClockExtensionTable
}

export interface PartnershipTable {
  id: string
  name: string
  region: string
  created_at: string
}

export interface AgencyTable {
  id: string
  partnership_id: string
  name: string
  /** One of AGENCY_KINDS (police, childrens_social_care, health_visiting, ...). */
  kind: string
  created_at: string
}

export interface AppUserTable {
  id: string
  /** Stored lower-cased; unique. */
  email: string
  display_name: string
  /** argon2id PHC string; null until the invited user sets a password. */
  password_hash: string | null
  /** Base32 TOTP secret; null until enrolled. */
  totp_secret: string | null
  totp_enrolled_at: string | null
  /** Last accepted TOTP time step, so a code cannot be replayed. */
  totp_last_step: number | null
  failed_sign_in_count: number
  locked_until: string | null
  deactivated_at: string | null
  created_at: string
  updated_at: string
}

export interface MembershipTable {
  id: string
  user_id: string
  /** Null only for roles that are not tied to one partnership (the national panel viewer). */
  partnership_id: string | null
  /** One of ROLES. */
  role: string
  /** Set for agency contributors: the agency whose material they may see. */
  agency_id: string | null
  created_at: string
}

export interface RecoveryCodeTable {
  id: string
  user_id: string
  /** SHA-256 of the code (codes are random, so a fast hash is enough). */
  code_hash: string
  used_at: string | null
  created_at: string
}

export interface InvitationTable {
  id: string
  user_id: string
  token_hash: string
  expires_at: string
  accepted_at: string | null
  created_by: string
  created_at: string
}

export interface SessionTable {
  /** SHA-256 of the session token held in the cookie: a database leak does not leak live sessions. */
  id: string
  user_id: string
  /** `password_verified` (second factor still needed) or `authenticated`. */
  state: string
  partnership_id: string | null
  created_at: string
  last_seen_at: string
  /** Absolute expiry (12 hours after sign-in by default). */
  expires_at: string
  ip: string | null
  user_agent: string | null
}

export interface AuditEventTable {
  /** Position in the hash chain, 1-based, assigned under the chain head lock. */
  seq: number
  occurred_at: string
  actor_user_id: string | null
  actor_email: string | null
  partnership_id: string | null
  /** `resource.action` style, e.g. `auth.sign_in`, `user.invite`, `review.read`. */
  action: string
  /** `success`, `failure` or `refused`. */
  outcome: string
  resource_type: string | null
  resource_id: string | null
  /** JSON object with non-sensitive details (never passwords, codes or case text). */
  detail: string
  ip: string | null
  user_agent: string | null
  prev_hash: string
  hash: string
}

export interface AuditChainHeadTable {
  /** Always 1: a single row that transactions lock to append to the chain one at a time. */
  id: number
  last_seq: number
  last_hash: string
}

/** A review, from the notification of a serious incident to closure. */
export interface ReviewTable {
  id: string
  partnership_id: string
  /** Human reference shown everywhere, e.g. `MSCP-2026-003`; unique within the partnership. */
  reference: string
  /** One of REVIEW_STAGES. */
  stage: string
  /** Set when the notification is submitted; null while it is a draft. */
  notification_submitted_at: string | null
  incident_date: string | null
  aware_date: string | null
  /** `death` or `serious_harm`. */
  nature: string | null
  /** `known` or `suspected`. */
  abuse_or_neglect: string | null
  /** JSON array of agency names known to be involved. */
  agencies_involved: string
  outline: string
  /** The child's pseudonym for lists and the published report ("Child M"). */
  pseudonym: string | null
  /** JSON: RapidReview (agency summaries, meeting, outcome). */
  rapid_review: string
  /** JSON: Decision, or null before the decision. */
  decision: string | null
  /** JSON: Commissioning, or null before commissioning. */
  commissioning: string | null
  /** Why publication is held back (an unfinished criminal process), or null. */
  embargo_reason: string | null
  created_by: string
  created_at: string
  updated_at: string
  /** Incremented on every change: a save based on an older version is refused, not lost. */
  version: number
}

export interface ReviewChildTable {
  id: string
  review_id: string
  position: number
  name: string
  date_of_birth: string | null
  age_text: string | null
  sex: string | null
  ethnic_group: string | null
  disability: string | null
  looked_after: number
  child_protection_plan: number
  known_to_social_care: number
}

/** The date an event in the review's life happened (what the statutory clocks run from and to). */
export interface ReviewMilestoneTable {
  review_id: string
  /** One of CLOCK_EVENTS. */
  event: string
  date: string
  recorded_by: string
  recorded_at: string
}

export interface ReviewStageChangeTable {
  id: string
  review_id: string
  /** 1, 2, 3… within the review: the order of changes even when two share a timestamp. */
  seq: number
  from_stage: string | null
  to_stage: string
  changed_by: string
  changed_by_name: string
  changed_at: string
  note: string | null
}

/** Who is part of a review beyond the partnership's coordinators and chairs. */
export interface ReviewMemberTable {
  review_id: string
  user_id: string
  /** `lead_reviewer` or `panel_member`. */
  role_in_review: string
}

/** Reviews triggered by one incident or otherwise related (a DHR beside an LCSPR); shown on each other. */
export interface ReviewLinkTable {
  review_id: string
  linked_review_id: string
  reason: string
  created_by: string
  created_at: string
}

/** A statutory clock as data, per partnership (an administrator can change it). */
export interface ClockDefinitionTable {
  partnership_id: string
  key: string
  name: string
  start_event: string
  amount: number
  unit: string
  direction: string
  stop_event: string
  due_soon_working_days: number
  position: number
  updated_at: string
}

export interface ClockExtensionTable {
  id: string
  review_id: string
  clock_key: string
  reason: string
  new_due_date: string
  agreed_on: string | null
  recorded_by: string
  recorded_at: string
}

// Published repository (migration 2026_11_25_2310). Declared by interface merging so this block
// stays at the end of the file.
export interface Database {
  published_review: PublishedReviewTable
  published_recommendation: PublishedRecommendationTable
  published_document: PublishedDocumentTable
  search_document: SearchDocumentTable
  search_facet: SearchFacetTable
}

export interface PublishedReviewTable {
  id: string
  title: string
  pseudonym: string
  year: number
  /** Publishing partnership's name, or "Anonymous". */
  area: string
  partnership: string | null
  region: string | null
  review_type: string
  nature_of_incident: string | null
  child_age_band: string | null
  sex: string | null
  ethnic_group: string | null
  review_model: string | null
  /** JSON arrays of strings. */
  themes: string
  agencies: string
  keywords: string
  summary: string
  published_at: string
  /** At least 12 months after publication. */
  keep_until: string
  created_by: string | null
  created_at: string
  updated_at: string
}

export interface PublishedRecommendationTable {
  id: string
  review_id: string
  position: number
  text: string
}

export interface PublishedDocumentTable {
  id: string
  review_id: string
  position: number
  title: string
  /** `html`, `pdf` or `docx`. */
  format: string
  file_name: string | null
  content_type: string
  html: string | null
  /** Plain text (extracted), the part that is indexed. */
  text: string
  content: Uint8Array | null
  byte_size: number
  created_at: string
}

/** The search index's own copy of a review (dialect-specific full-text parts are not listed). */
export interface SearchDocumentTable {
  doc_id: number
  id: string
  title: string
  summary: string
  area: string
  published_at: string
  year: number | null
  region: string | null
  partnership: string | null
  review_type: string | null
  nature_of_incident: string | null
  child_age_band: string | null
  sex: string | null
  ethnic_group: string | null
  review_model: string | null
}

export interface SearchFacetTable {
  doc_id: number
  facet: string
  value: string
}

// People and places in a review (migration 2026_11_25_2320_case_knowledge).
export interface Database {
  case_person: CasePersonTable
  case_place: CasePlaceTable
  pseudonym_register: PseudonymRegisterTable
}

/** A person in a review, stored as the anonymisation library's CastMember JSON (real names: case material). */
export interface CasePersonTable {
  id: string
  review_id: string
  position: number
  data: string
  updated_by: string
  updated_at: string
}

/** A place or organisation in a review, stored as the library's Place JSON. */
export interface CasePlaceTable {
  id: string
  review_id: string
  position: number
  data: string
  updated_by: string
  updated_at: string
}

/** The review's pseudonym register (the same person gets the same label in every document). Sensitive. */
export interface PseudonymRegisterTable {
  review_id: string
  data: string
  updated_at: string
}

// Agency contributions and the integrated chronology (migration 2026_11_25_2330), by interface merging.
export interface Database {
  agency_request: AgencyRequestTable
  chronology_import: ChronologyImportTable
  chronology_entry: ChronologyEntryTable
  agency_column_mapping: AgencyColumnMappingTable
  chronology_link: ChronologyLinkTable
}

/** A coordinator's request to an agency for its chronology or agency report, by a due date. */
export interface AgencyRequestTable {
  id: string
  review_id: string
  agency_id: string
  /** `chronology` or `agency_report`. */
  kind: string
  /** ISO date. */
  due_date: string
  /** `requested` or `submitted`. */
  status: string
  requested_by: string
  created_at: string
  submitted_at: string | null
}

/** An uploaded chronology file: kept (content) while previewed, then committed or abandoned. */
export interface ChronologyImportTable {
  id: string
  review_id: string
  agency_id: string
  file_name: string
  /** `previewed` or `committed`. */
  status: string
  /** The uploaded bytes until committed (then null). */
  content: Uint8Array | null
  rows: number
  created_by: string
  created_at: string
  committed_at: string | null
}

/** One chronology entry of one agency. */
export interface ChronologyEntryTable {
  id: string
  review_id: string
  /** The partnership's agency that owns the entry (scope for agency contributors). */
  agency_id: string
  /** The agency as the entry names it ("GP - Larch Road Medical Practice"). */
  agency: string
  /** JSON of a ChronologyDate (precision kept). */
  date: string
  /** chronologySortKey(date, time): plain string order is chronology order. */
  sort_key: string
  date_start: string
  date_end: string
  time: string | null
  source_record: string
  practitioner_role: string
  /** JSON array of strings. */
  people_involved: string
  event: string
  action_taken: string
  outcome: string
  significance: string
  import_id: string | null
  import_row: number | null
  /** `draft` or `submitted`. */
  status: string
  created_by: string
  created_at: string
  updated_at: string
  submitted_at: string | null
}

/** Column choices remembered per agency: header text → chronology field or `ignore` (JSON). */
export interface AgencyColumnMappingTable {
  partnership_id: string
  agency_id: string
  mapping: string
  updated_by: string
  updated_at: string
}

/** A reviewer's decision on a proposed link between agencies' reports of the same event. */
export interface ChronologyLinkTable {
  id: string
  review_id: string
  /** Sorted entry ids joined with `,` (unique per review). */
  entry_key: string
  /** JSON array of entry ids. */
  entry_ids: string
  /** `confirmed` or `split` (proposals are computed, not stored). */
  status: string
  decided_by: string
  decided_at: string
}

// Files attached to a review (migration 2026_11_25_2340_review_files).
export interface Database {
  review_file: ReviewFileTable
}

/** A file attached to a review, such as an agency's rapid review summary. Case material: every read is audited. */
export interface ReviewFileTable {
  id: string
  review_id: string
  /** `agency_summary` so far. */
  purpose: string
  agency: string | null
  file_name: string
  content_type: string
  size_bytes: number
  content: Uint8Array
  uploaded_by: string
  uploaded_at: string
}

// Documents being anonymised (migration 2026_11_25_2350_review_documents).
export interface Database {
  review_document: ReviewDocumentTable
}

/** A document of a review and its anonymisation. `body` is the original text: case material. */
export interface ReviewDocumentTable {
  id: string
  review_id: string
  title: string
  body: string
  /** JSON list of AnonymisationDecision. */
  decisions: string
  /** `draft` or `anonymised` (the leak gate passed and a person marked it). */
  status: string
  /** The text as marked anonymised; null while a draft. */
  anonymised_text: string | null
  marked_by: string | null
  marked_at: string | null
  version: number
  updated_by: string
  updated_at: string
}

// Tables of later slices, each declared beside its module and merged here.
export interface Database
  extends
    ReportTables,
    RecommendationTables,
    PublicationTables,
    AgencyReportTables,
    ChronologyPeopleTables,
    ChronologyEpisodeTables,
    ChronologySharingTables,
    ChronologyEntryRevisionTables,
    OutboxTables,
    RepositoryIngestTables,
    ChronologyImportTables,
    ChildAtRiskTables,
    DisseminationTables,
    PanelTables,
    ImpactTables {}
