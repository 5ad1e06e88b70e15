import { formatLongDate } from '../../../../modules/clocks/plain-date.ts'
import { REQUEST_KIND_NAMES } from '../../../../modules/chronology/chronology.ts'
import { REVIEW_PART_NAMES, type PartState, type ReviewPart } from '../../../../modules/tasks/task.ts'
import type { ReviewTaskList } from '../../../../modules/tasks/task.service.ts'

/** Where each part of a review is done, and who may open it (null: everyone who reads the review). */
const PART_PAGES: Readonly<Record<ReviewPart, { path: string; needs: 'manage' | 'decide' | 'reveal' | null }>> = {
  notification: { path: 'notification', needs: 'manage' },
  rapid_review: { path: 'rapid-review', needs: 'manage' },
  decision: { path: 'decision', needs: 'decide' },
  commissioning: { path: 'commissioning', needs: 'manage' },
  agency_contributions: { path: 'chronology/requests', needs: null },
  integrated_chronology: { path: 'chronology', needs: null },
  overview_report: { path: 'report', needs: null },
  executive_summary: { path: 'report', needs: null },
  recommendations: { path: 'recommendations', needs: null },
  anonymisation: { path: 'documents', needs: 'reveal' },
  publication: { path: 'publication', needs: null },
}

/** The GOV.UK task list status of a part: plain text for "cannot start yet" and "done", a tag otherwise. */
function statusOf(state: PartState) {
  switch (state.status) {
    case 'done':
      return { text: state.note ?? 'Done' }
    case 'cannot_start':
      return { text: 'Cannot start yet', classes: 'govuk-task-list__status--cannot-start-yet' }
    case 'waiting':
      return { tag: { text: `Waiting on ${state.note}`, classes: 'govuk-tag--yellow' } }
    case 'in_progress':
      return { tag: { text: 'In progress', classes: 'govuk-tag--light-blue' } }
    default:
      return { tag: { text: 'Not started', classes: 'govuk-tag--blue' } }
  }
}

/**
 * The review page's task list for `govukTaskList`, and the rows of the agency table. A part links to its page
 * only when the reader may open it; a part that cannot start yet says what must happen first.
 */
export function presentTaskList(
  reviewId: string,
  list: ReviewTaskList,
  may: { manage: boolean; decide: boolean; reveal: boolean },
) {
  const items = list.parts.map((state) => {
    const page = PART_PAGES[state.part]
    const allowed = page.needs === null || may[page.needs]
    return {
      title: { text: REVIEW_PART_NAMES[state.part] },
      href: allowed && state.status !== 'cannot_start' ? `/reviews/${reviewId}/${page.path}` : undefined,
      hint: state.status === 'cannot_start' && state.note ? { text: state.note } : undefined,
      status: statusOf(state),
    }
  })
  const agencyRows = list.agencies.flatMap((agency) =>
    agency.requests.map((r, index) => ({
      agencyName: index === 0 ? agency.agencyName : '',
      rowspan: agency.requests.length,
      first: index === 0,
      kind: REQUEST_KIND_NAMES[r.kind],
      askedOn: formatLongDate(r.askedOn.slice(0, 10)),
      dueDate: formatLongDate(r.dueDate),
      reminded:
        r.reminders === 0
          ? 'Not yet'
          : `${r.reminders} ${r.reminders === 1 ? 'reminder' : 'reminders'}, last ${formatLongDate(r.lastRemindedAt!.slice(0, 10))}`,
      submitted: r.submittedAt ? formatLongDate(r.submittedAt.slice(0, 10)) : 'Not yet',
      overdue: r.daysOverdue ? `${r.daysOverdue} ${r.daysOverdue === 1 ? 'day' : 'days'}` : '',
    })),
  )
  return { items, agencyRows, mayReadReminders: list.mayReadReminders }
}
