/**
 * The agency report (individual management review) as the domain reference describes it (section 5):
 * a header (agency, author's name, role and independence, date of the request, date the agency's records
 * were secured, terms of reference), then the sections. Types and pure rules only: no database, no web.
 */
import type { IsoDate } from '../clocks/plain-date.ts'
import type { FieldError } from '../errors.ts'
import { lowerFirst } from '../text.ts'

/** The sections after the header, in the order the report shows them. */
export const AGENCY_REPORT_SECTIONS = [
  {
    key: 'contextWorkload',
    group: 'Context',
    label: 'Workload',
    hint: 'Caseloads and demands on the teams involved at the time',
  },
  { key: 'contextStaffing', group: 'Context', label: 'Staffing', hint: 'Vacancies, turnover, agency staff, training' },
  {
    key: 'contextSupervision',
    group: 'Context',
    label: 'Supervision',
    hint: 'How the practitioners were supervised and supported',
  },
  {
    key: 'contextPolicies',
    group: 'Context',
    label: 'Policies and procedures',
    hint: 'The policies and procedures that applied, and whether they were followed',
  },
  {
    key: 'methodologyRecords',
    group: 'Methodology',
    label: 'Records seen',
    hint: 'Which files and systems were read, and for which period',
  },
  {
    key: 'methodologyInterviews',
    group: 'Methodology',
    label: 'Interviews',
    hint: 'Who was spoken to, by role (not by name)',
  },
  {
    key: 'analysis',
    group: 'Analysis',
    label: "Analysis of the agency's own practice",
    hint: "Why practice happened as it did. Write about your own agency's practice, not other agencies'",
  },
  { key: 'goodPractice', group: 'Findings', label: 'Good practice', hint: '' },
  { key: 'lessons', group: 'Findings', label: 'Lessons', hint: '' },
  {
    key: 'recommendations',
    group: 'Findings',
    label: 'Single-agency recommendations and action plan',
    hint: 'Each recommendation with the action, who owns it, the measure of success and the timescale',
  },
] as const

/** A section's key. */
export type SectionKey = (typeof AGENCY_REPORT_SECTIONS)[number]['key']

/** Section text by key ('' when empty). */
export type SectionTexts = Record<SectionKey, string>

/** The sections a report needs before it can be submitted, unless the agency has uploaded its own document. */
export const SECTIONS_REQUIRED_WITHOUT_DOCUMENT: readonly SectionKey[] = ['analysis', 'lessons', 'recommendations']

/** Longest text accepted in one section or the terms of reference (characters). */
export const MAX_SECTION_CHARS = 50_000
/** Longest author's name or role (characters). */
export const MAX_SHORT_FIELD_CHARS = 200

/** What the form holds: text as typed, dates already read (null when empty). */
export interface AgencyReportContent {
  authorName: string
  authorRole: string
  /** 'yes': did not manage the case or supervise those who did. Null when not answered. */
  authorIndependent: 'yes' | 'no' | null
  independenceExplanation: string
  requestDate: IsoDate | null
  recordsSecuredDate: IsoDate | null
  termsOfReference: string
  sections: SectionTexts
}

/** A stored report. */
export interface AgencyReport extends AgencyReportContent {
  id: string
  reviewId: string
  agencyId: string
  status: 'draft' | 'submitted'
  version: number
  createdBy: string
  createdAt: string
  updatedBy: string
  updatedAt: string
  submittedBy: string | null
  submittedAt: string | null
}

/** The uploaded Word document of a report, without its bytes. */
export interface AgencyReportDocumentSummary {
  fileName: string
  sizeBytes: number
  uploadedAt: string
}

/** Every section empty. */
export function emptySections(): SectionTexts {
  return Object.fromEntries(AGENCY_REPORT_SECTIONS.map((s) => [s.key, ''])) as SectionTexts
}

/** Sections from stored JSON: unknown keys dropped, missing ones empty. Never throws. */
export function sectionsFromJson(json: string): SectionTexts {
  const sections = emptySections()
  let parsed: unknown
  try {
    parsed = JSON.parse(json)
  } catch {
    return sections
  }
  if (parsed && typeof parsed === 'object') {
    for (const s of AGENCY_REPORT_SECTIONS) {
      const value = (parsed as Record<string, unknown>)[s.key]
      if (typeof value === 'string') sections[s.key] = value
    }
  }
  return sections
}

/**
 * Problems that stop a draft being saved: text too long (nothing is cut silently). Dates are read by the
 * web layer, so an impossible date never gets this far.
 */
export function draftProblems(content: AgencyReportContent): FieldError[] {
  const errors: FieldError[] = []
  if (content.authorName.length > MAX_SHORT_FIELD_CHARS)
    errors.push({
      field: 'authorName',
      message: `The author's name must be ${MAX_SHORT_FIELD_CHARS} characters or fewer`,
    })
  if (content.authorRole.length > MAX_SHORT_FIELD_CHARS)
    errors.push({
      field: 'authorRole',
      message: `The author's role must be ${MAX_SHORT_FIELD_CHARS} characters or fewer`,
    })
  if (content.independenceExplanation.length > MAX_SECTION_CHARS)
    errors.push({ field: 'independenceExplanation', message: tooLong('The explanation') })
  if (content.termsOfReference.length > MAX_SECTION_CHARS)
    errors.push({ field: 'termsOfReference', message: tooLong('The terms of reference') })
  for (const s of AGENCY_REPORT_SECTIONS) {
    if (content.sections[s.key].length > MAX_SECTION_CHARS) errors.push({ field: s.key, message: tooLong(s.label) })
  }
  return errors
}

/**
 * Problems that stop a report being submitted (on top of {@link draftProblems}), in the order of the form.
 * `today` is England's date: records cannot have been secured in the future.
 */
export function submissionProblems(
  content: AgencyReportContent,
  options: { hasDocument: boolean; today: IsoDate },
): FieldError[] {
  const errors: FieldError[] = []
  if (!content.authorName.trim()) errors.push({ field: 'authorName', message: "Enter the author's name" })
  if (!content.authorRole.trim()) errors.push({ field: 'authorRole', message: "Enter the author's role" })
  if (content.authorIndependent === null)
    errors.push({
      field: 'authorIndependent',
      message: 'Select yes if the author is independent of the case',
    })
  if (content.authorIndependent === 'no' && !content.independenceExplanation.trim())
    errors.push({
      field: 'independenceExplanation',
      message: 'Explain why the author is not independent of the case, and how that was managed',
    })
  if (!content.requestDate) errors.push({ field: 'requestDate-day', message: 'Enter the date of the request' })
  else if (content.requestDate > options.today)
    errors.push({ field: 'requestDate-day', message: 'The date of the request must be today or in the past' })
  if (!content.recordsSecuredDate)
    errors.push({ field: 'recordsSecuredDate-day', message: "Enter the date the agency's records were secured" })
  else if (content.recordsSecuredDate > options.today)
    errors.push({
      field: 'recordsSecuredDate-day',
      message: "The date the agency's records were secured must be today or in the past",
    })
  if (!content.termsOfReference.trim())
    errors.push({ field: 'termsOfReference', message: 'Enter the terms of reference' })
  if (!options.hasDocument) {
    for (const key of SECTIONS_REQUIRED_WITHOUT_DOCUMENT) {
      if (!content.sections[key].trim()) {
        const label = AGENCY_REPORT_SECTIONS.find((s) => s.key === key)!.label
        errors.push({ field: key, message: `Enter the ${lowerFirst(label)}, or upload the report as a Word document` })
      }
    }
  }
  return [...errors, ...draftProblems(content)]
}

function tooLong(what: string): string {
  return `${what} must be ${MAX_SECTION_CHARS.toLocaleString('en-GB')} characters or fewer`
}
