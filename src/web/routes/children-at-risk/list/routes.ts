import type { FastifyInstance } from 'fastify'
import { formatLongDate } from '../../../../modules/clocks/plain-date.ts'
import {
  RELATIONSHIP_NAMES,
  type ChildAtRiskService,
  type ChildView,
} from '../../../../modules/children-at-risk/child-at-risk.service.ts'
import { childAccess } from '../common.ts'

const SAVED: Record<string, string> = {
  added: 'Child recorded.',
  changed: 'Changes saved.',
  confirmed: 'Safety action confirmed.',
}

/** The GOV.UK tag of a child's safety action today. */
function statusTag(child: ChildView) {
  if (child.status === 'confirmed') return { text: 'Confirmed', classes: 'govuk-tag--green' }
  if (child.status === 'overdue')
    return {
      text: `Overdue by ${child.daysOverdue} ${child.daysOverdue === 1 ? 'day' : 'days'}`,
      classes: 'govuk-tag--red',
    }
  return { text: 'Not confirmed yet', classes: 'govuk-tag--yellow' }
}

/** `GET /reviews/:id/children-at-risk`: the review's other children at risk, overdue first. */
export function childrenListRoutes(app: FastifyInstance, children: ChildAtRiskService): void {
  app.get<{ Params: { id: string }; Querystring: { saved?: string } }>(
    '/reviews/:id/children-at-risk',
    { config: childAccess('childAtRisk.read') },
    async (request, reply) => {
      const list = await children.list(request.actor!, request.params.id)
      return reply.page('routes/children-at-risk/list/view.njk', {
        pageTitle: `Other children at risk – ${list.review.reference}`,
        review: list.review,
        saved: SAVED[request.query.saved ?? ''] ?? null,
        canManage: list.canManage,
        open: list.children.filter((c) => c.status !== 'confirmed').length,
        children: list.children.map((c) => ({
          id: c.id,
          heading: c.nameShown ? `${c.name}, ${c.label.replace(/^Other/, 'other')}` : c.label,
          rows: [
            { key: { text: 'Age' }, value: { text: c.age || 'Not known' } },
            {
              key: { text: 'Relationship' },
              value: {
                text: RELATIONSHIP_NAMES[c.relationship] + (c.relationshipDetail ? `: ${c.relationshipDetail}` : ''),
              },
            },
            { key: { text: 'Concern' }, value: { text: c.concern } },
            { key: { text: 'Safety action' }, value: { text: c.safetyAction } },
            { key: { text: 'Responsible' }, value: { text: `${c.agencyName}: ${c.responsiblePerson}` } },
            { key: { text: 'Due' }, value: { text: formatLongDate(c.dueDate) } },
            {
              key: { text: 'Confirmed' },
              value: {
                text: c.confirmation
                  ? `${formatLongDate(c.confirmation.confirmedOn)} by ${c.confirmation.confirmedBy}${c.confirmation.note ? `. ${c.confirmation.note}` : ''}`
                  : 'Not yet',
              },
            },
          ],
          status: statusTag(c),
          confirmed: c.status === 'confirmed',
        })),
      })
    },
  )
}
