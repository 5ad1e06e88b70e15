import { formatLongDate } from '../../../../modules/clocks/plain-date.ts'
import type { OpenAction } from '../../../../modules/children-at-risk/child-at-risk.service.ts'

/**
 * The review page's task list item for other children at risk, and the open safety actions listed under
 * it (labels, never names): waiting until every action is confirmed.
 */
export function presentChildrenAtRisk(reviewId: string, list: { open: OpenAction[]; total: number }) {
  const overdue = list.open.filter((o) => o.overdue).length
  const n = list.open.length
  const status =
    list.total === 0
      ? { tag: { text: 'None recorded', classes: 'govuk-tag--blue' } }
      : n === 0
        ? { text: 'All confirmed' }
        : {
            tag: {
              text: overdue ? `${overdue} overdue` : `${n} to confirm`,
              classes: overdue ? 'govuk-tag--red' : 'govuk-tag--yellow',
            },
          }
  return {
    item: {
      title: { text: 'Other children at risk' },
      href: `/reviews/${reviewId}/children-at-risk`,
      hint: n ? { text: `${n} safety ${n === 1 ? 'action' : 'actions'} not confirmed yet` } : undefined,
      status,
    },
    open: list.open.map((o) => ({
      id: o.id,
      label: o.label,
      responsible: `${o.agencyName}: ${o.responsiblePerson}`,
      due: formatLongDate(o.dueDate),
      overdue: o.overdue ? `${o.daysOverdue} ${o.daysOverdue === 1 ? 'day' : 'days'} overdue` : '',
    })),
  }
}
