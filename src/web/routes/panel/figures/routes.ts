import type { FastifyInstance } from 'fastify'
import type { Services } from '../../../../composition.ts'
import { barChartOrNote } from '../../repository/charts.ts'
import { panelAccess } from '../common.ts'

/**
 * `GET /panel/figures`: the national figures over every partnership's submitted notifications
 * (notifications, decisions, the Panel's view of decisions not to review, reviews published, timeliness
 * against the notification and rapid review clocks), by region, each chart with its table beside it and
 * every count of fewer than 5 shown as "fewer than 5" (the module's one suppression rule).
 */
export function panelFiguresRoutes(app: FastifyInstance, services: Services): void {
  app.get('/panel/figures', { config: panelAccess('panel.figures') }, async (request, reply) => {
    const { figures, partnerships, notifications } = await services.panel.figures(request.actor!)
    const shown = []
    for (const figure of figures) {
      shown.push({
        ...figure,
        chart: await barChartOrNote(figure.chart, { title: figure.title, axisTitle: figure.counts }),
      })
    }
    return reply.page('routes/panel/figures/view.njk', {
      pageTitle: 'National figures',
      figures: shown,
      partnerships,
      notifications,
    })
  })
}
