import type { IsoDate } from '../../../../modules/clocks/plain-date.ts'
import type { FieldError } from '../../../../modules/errors.ts'
import { ETHNIC_GROUPS, SEXES, type ReviewChild } from '../../../../modules/reviews/review.ts'
import type { NotificationInput } from '../../../../modules/reviews/review.service.ts'
import { dateInputValues, readDateInput } from '../../../date-input.ts'

/** Most children one notification can hold (the Panel's form takes 4; a sibling group can be larger). */
export const MAX_CHILDREN = 12
const MAX_OUTLINE = 5000
const MAX_NAME = 200

const asList = (value: unknown): string[] =>
  Array.isArray(value) ? value.map(String) : value === undefined ? [] : [String(value)]
const text = (value: unknown, max: number): string =>
  String(value ?? '')
    .trim()
    .slice(0, max)

/** The notification form read back: typed values (to show again), the input, and field errors. */
export interface NotificationForm {
  input: NotificationInput
  errors: FieldError[]
  /** What was typed, keyed by field name, to fill the form again. */
  values: Record<string, unknown>
  childCount: number
}

/**
 * Read the notification form. Date problems ("must be a real date") are always errors, even in a
 * draft; missing answers are only errors when submitting (the service checks completeness).
 */
export function readNotificationForm(body: Record<string, unknown>, today: IsoDate): NotificationForm {
  const errors: FieldError[] = []
  const date = (name: string, label: string) => {
    const result = readDateInput(body, name, label, { notInFuture: today })
    if (result.error) errors.push({ field: `${name}-day`, message: result.error })
    return result.value
  }
  const childCount = Math.min(MAX_CHILDREN, Math.max(1, Number.parseInt(String(body.childCount ?? '1'), 10) || 1))
  const children: ReviewChild[] = []
  for (let i = 0; i < childCount; i++) {
    const prefix = `child${i}`
    const flags = asList(body[`${prefix}-flags`])
    const sex = text(body[`${prefix}-sex`], 20)
    const ethnicGroup = text(body[`${prefix}-ethnicGroup`], 20)
    children.push({
      name: text(body[`${prefix}-name`], MAX_NAME),
      dateOfBirth: date(`${prefix}-dob`, `Child ${i + 1}’s date of birth`),
      ageText: text(body[`${prefix}-age`], 50) || null,
      sex: (SEXES as readonly string[]).includes(sex) ? sex : null,
      ethnicGroup: (ETHNIC_GROUPS as readonly string[]).includes(ethnicGroup) ? ethnicGroup : null,
      disability: text(body[`${prefix}-disability`], 500) || null,
      lookedAfter: flags.includes('lookedAfter'),
      childProtectionPlan: flags.includes('childProtectionPlan'),
      knownToSocialCare: flags.includes('knownToSocialCare'),
    })
  }
  const outline = String(body.outline ?? '')
  if (outline.length > MAX_OUTLINE) {
    errors.push({ field: 'outline', message: `The outline must be ${MAX_OUTLINE} characters or fewer` })
  }
  const nature = text(body.nature, 20)
  const abuse = text(body.abuseOrNeglect, 20)
  const input: NotificationInput = {
    incidentDate: date('incidentDate', 'The date of the incident'),
    awareDate: date('awareDate', 'The date the local authority became aware'),
    panelNotifiedDate: date('panelNotifiedDate', 'The date the national Panel was notified'),
    nature: ['death', 'serious_harm'].includes(nature) ? nature : null,
    abuseOrNeglect: ['known', 'suspected'].includes(abuse) ? abuse : null,
    agenciesInvolved: asList(body.agencies)
      .map((a) => a.slice(0, 200))
      .slice(0, 50),
    outline: outline.trim().slice(0, MAX_OUTLINE),
    pseudonym: text(body.pseudonym, 50) || null,
    children,
  }
  return { input, errors, values: body, childCount }
}

/** Form values for an existing notification (to fill the form). */
export function notificationValues(input: NotificationInput): Record<string, unknown> {
  const values: Record<string, unknown> = {
    outline: input.outline,
    pseudonym: input.pseudonym ?? '',
    nature: input.nature ?? '',
    abuseOrNeglect: input.abuseOrNeglect ?? '',
    agencies: input.agenciesInvolved,
    childCount: String(Math.max(1, input.children.length)),
  }
  const dates: Array<[string, IsoDate | null]> = [
    ['incidentDate', input.incidentDate],
    ['awareDate', input.awareDate],
    ['panelNotifiedDate', input.panelNotifiedDate],
  ]
  input.children.forEach((c, i) => {
    const p = `child${i}`
    values[`${p}-name`] = c.name
    values[`${p}-age`] = c.ageText ?? ''
    values[`${p}-sex`] = c.sex ?? ''
    values[`${p}-ethnicGroup`] = c.ethnicGroup ?? ''
    values[`${p}-disability`] = c.disability ?? ''
    values[`${p}-flags`] = [
      c.lookedAfter ? 'lookedAfter' : '',
      c.childProtectionPlan ? 'childProtectionPlan' : '',
      c.knownToSocialCare ? 'knownToSocialCare' : '',
    ].filter(Boolean)
    dates.push([`${p}-dob`, c.dateOfBirth])
  })
  for (const [name, date] of dates) {
    Object.assign(values, dateInputValues(name, date))
  }
  return values
}
