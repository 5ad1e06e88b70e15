/**
 * The chronology slice's types and errors that other layers use (its public types file, ADR 0035):
 * what is asked of an agency, a request, a stored entry, and the stale-edit error. The repositories re-export
 * them for the slice's own files.
 */
import type { ChronologyDate } from './chronology-date.ts'
import { StaleEditError } from '../errors.ts'

/** What is asked of an agency. */
export const REQUEST_KINDS = ['chronology', 'agency_report'] as const
/** What is asked of an agency. */
export type RequestKind = (typeof REQUEST_KINDS)[number]

/** Plain-English names of what is asked of agencies. */
export const REQUEST_KIND_NAMES: Readonly<Record<RequestKind, string>> = {
  chronology: 'Chronology',
  agency_report: 'Agency report (individual management review)',
}

/** A request to an agency for its chronology or agency report. */
export interface AgencyRequest {
  id: string
  reviewId: string
  agencyId: string
  kind: RequestKind
  dueDate: string
  status: 'requested' | 'submitted'
  requestedBy: string
  createdAt: string
  submittedAt: string | null
}

/** A stored chronology entry. */
export interface ChronologyEntry {
  id: string
  reviewId: string
  agencyId: string
  /** The agency as the entry names it. */
  agency: string
  date: ChronologyDate
  sortKey: string
  time: string | null
  sourceRecord: string
  practitionerRole: string
  peopleInvolved: string[]
  event: string
  actionTaken: string
  outcome: string
  significance: string
  importId: string | null
  importRow: number | null
  status: 'draft' | 'submitted'
  createdBy: string
  createdAt: string
  updatedAt: string
  submittedAt: string | null
}

/** Thrown when a change was based on an older version (someone else saved first). */
export class StaleVersionError extends StaleEditError {
  override name = 'StaleVersionError'
}
