import { formatLongDate } from '../../../modules/clocks/plain-date.ts'
import { IMPACT_STATUS_NAMES, type RecommendationImpact } from '../../../modules/impact/impact.ts'

const TAG_CLASSES = {
  impact_shown: 'govuk-tag--green',
  no_change_found: 'govuk-tag--orange',
  audit_overdue: 'govuk-tag--red',
  audit_due: 'govuk-tag--blue',
  awaiting_publication: 'govuk-tag--grey',
  not_planned: 'govuk-tag--grey',
} as const

/** A recommendation's impact as a GOV.UK tag (with the next audit's due date when there is one). */
export function impactTag(impact: RecommendationImpact): { text: string; classes: string } {
  const due = impact.nextDue ? ` ${formatLongDate(impact.nextDue)}` : ''
  return { text: `${IMPACT_STATUS_NAMES[impact.status]}${due}`, classes: TAG_CLASSES[impact.status] }
}
