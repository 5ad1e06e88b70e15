import type { AgencyReportContent } from '../../../modules/agency-reports/agency-report.ts'
import { AGENCY_REPORT_SECTIONS, emptySections } from '../../../modules/agency-reports/agency-report.ts'
import type { FieldError } from '../../../modules/errors.ts'
import { dateInputValues, readDateInput } from '../../date-input.ts'

/** Route config: signed in, with an agency report permission (the service checks the review and agency). */
export const agencyReportAccess = (permission: 'agencyReport.read' | 'agencyReport.write') =>
  ({ routeAccess: { access: 'authenticated', permission } }) as const

/** The form's field names, as typed (dates as their three parts). */
export type FormValues = Record<string, string>

/** A form field as a string, as typed (or ''). Long text is kept whole: the service says when it is too long. */
export function field(body: unknown, name: string): string {
  const value = (body as Record<string, unknown> | undefined)?.[name]
  return typeof value === 'string' ? value : ''
}

const TEXT_FIELDS = ['authorName', 'authorRole', 'authorIndependent', 'independenceExplanation', 'termsOfReference']
const DATE_FIELDS = ['requestDate', 'recordsSecuredDate'] as const

/** Every value of the report form in a posted body, as typed, to show again. */
export function formValues(body: unknown): FormValues {
  const values: FormValues = { version: field(body, 'version') }
  for (const name of TEXT_FIELDS) values[name] = field(body, name)
  for (const name of DATE_FIELDS) {
    for (const part of ['day', 'month', 'year']) values[`${name}-${part}`] = field(body, `${name}-${part}`)
  }
  for (const s of AGENCY_REPORT_SECTIONS) values[s.key] = field(body, s.key)
  return values
}

/** The form's values for stored content. */
export function valuesFromContent(content: AgencyReportContent, version: number): FormValues {
  const values: FormValues = {
    version: String(version),
    authorName: content.authorName,
    authorRole: content.authorRole,
    authorIndependent: content.authorIndependent ?? '',
    independenceExplanation: content.independenceExplanation,
    termsOfReference: content.termsOfReference,
    ...dateInputValues('requestDate', content.requestDate),
    ...dateInputValues('recordsSecuredDate', content.recordsSecuredDate),
  }
  for (const s of AGENCY_REPORT_SECTIONS) values[s.key] = content.sections[s.key]
  return values
}

/**
 * The content of the posted form, or the problems with its dates ("… must be a real date"). Text is trimmed
 * at the ends only.
 */
export function contentFromValues(
  values: FormValues,
): { ok: true; content: AgencyReportContent } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = []
  const requestDate = readDateInput(values, 'requestDate', 'The date of the request')
  if (requestDate.error) errors.push({ field: 'requestDate-day', message: requestDate.error })
  const secured = readDateInput(values, 'recordsSecuredDate', "The date the agency's records were secured")
  if (secured.error) errors.push({ field: 'recordsSecuredDate-day', message: secured.error })
  if (errors.length) return { ok: false, errors }
  const sections = emptySections()
  for (const s of AGENCY_REPORT_SECTIONS) sections[s.key] = values[s.key].trim()
  const independent = values.authorIndependent
  return {
    ok: true,
    content: {
      authorName: values.authorName.trim(),
      authorRole: values.authorRole.trim(),
      authorIndependent: independent === 'yes' || independent === 'no' ? independent : null,
      // Kept whatever the answer, so nothing typed is lost; it is required, and shown to readers, only for "no".
      independenceExplanation: values.independenceExplanation.trim(),
      requestDate: requestDate.value,
      recordsSecuredDate: secured.value,
      termsOfReference: values.termsOfReference.trim(),
      sections,
    },
  }
}

/** The version number a form was opened at (0: not started; anything unreadable counts as 0, so it is refused as stale). */
export function versionOf(values: FormValues): number {
  return /^\d{1,9}$/.test(values.version) ? Number(values.version) : 0
}
