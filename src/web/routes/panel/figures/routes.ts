import type { FastifyInstance } from 'fastify'
import type { Services } from '../../../../composition.ts'
import { toCsv } from '../../../../modules/export/spreadsheet-escape.ts'
import type { Figure } from '../../../../modules/panel/national-figures.ts'
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

  // The same numbers as CSV, one line per figure, region and column, suppressed exactly as on the page.
  app.get('/panel/figures.csv', { config: panelAccess('panel.figures') }, async (request, reply) => {
    const { figures } = await services.panel.figures(request.actor!)
    return reply
      .header('Content-Type', 'text/csv; charset=utf-8')
      .header('Content-Disposition', 'attachment; filename="national-figures.csv"')
      .send(toCsv(['Figure', 'Region', 'Category', 'Count'], figuresCsvRows(figures)))
  })
}

/** Every cell of every figure, the national total last in each figure. */
function figuresCsvRows(figures: readonly Figure[]): string[][] {
  return figures.flatMap((f) => [
    ...f.rows.flatMap((r) => f.columns.map((c, i) => [f.title, r.region, c, r.cells[i].label])),
    ...f.columns.map((c, i) => [f.title, 'All regions', c, f.totals[i].label]),
  ])
}
