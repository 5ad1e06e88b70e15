import type { FastifyInstance } from 'fastify'
import type { Services } from '../../../../composition.ts'
import { ROLE_PERMISSIONS } from '../../../../modules/access/permissions.ts'
import { formatLongDate } from '../../../../modules/clocks/plain-date.ts'
import type { OrderedTask } from '../../../../modules/tasks/task.ts'

/** The task list item of one task: its title links to where it is done; the status says when it is due. */
function taskItem(task: OrderedTask) {
  const status = task.overdue
    ? {
        tag: {
          text: `${task.daysOverdue} ${task.daysOverdue === 1 ? 'day' : 'days'} overdue`,
          classes: 'govuk-tag--red',
        },
      }
    : task.dueDate
      ? { text: `Due ${formatLongDate(task.dueDate)}` }
      : { text: '' }
  const hint = [task.review, task.overdue && task.dueDate ? `Due ${formatLongDate(task.dueDate)}` : null, task.detail]
    .filter(Boolean)
    .join('. ')
  return { title: { text: task.title }, href: task.href, hint: hint ? { text: hint } : undefined, status }
}

/**
 * `GET /dashboard` (where `/` sends signed-in users): the signed-in user's home page, with the tasks waiting
 * for them, overdue first, each a link to where it is done, then what their role can do.
 */
export function dashboardRoutes(app: FastifyInstance, services: Services): void {
  app.get<{ Querystring: { recoveryCodesLeft?: string } }>(
    '/dashboard',
    { config: { routeAccess: { access: 'authenticated' } } },
    async (request, reply) => {
      const actor = request.actor!
      const left = Number.parseInt(request.query.recoveryCodesLeft ?? '', 10)
      const home = await services.tasks.home(actor)
      return reply.page('routes/home/dashboard/view.njk', {
        pageTitle: 'Home',
        permissions: ROLE_PERMISSIONS[actor.role],
        recoveryCodesLeft: Number.isFinite(left) ? left : null,
        taskItems: home.tasks.map(taskItem),
        overdueCount: home.tasks.filter((t) => t.overdue).length,
        doneItems: home.done.map((t) => ({
          title: { text: t.title },
          href: t.href,
          hint: { text: [t.review, t.detail].filter(Boolean).join('. ') },
          status: { text: 'Done' },
        })),
      })
    },
  )
}
