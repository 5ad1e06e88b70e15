import type { FastifyInstance } from 'fastify'
import type { Services } from '../../../../composition.ts'
import { toCsv } from '../../../../modules/export/spreadsheet-escape.ts'
import { stackedBarChartSvg } from '../../../charts.ts'
import { reviewAccess } from '../common.ts'

const SERIES = ['Met on time', 'Met late', 'Overdue', 'Running'] as const
// GOV.UK colours with enough contrast between neighbours: green, orange, red, blue.
const COLOURS = ['#00703c', '#f47738', '#d4351c', '#1d70b8']

/**
 * `GET /reviews/time-and-quality` and its CSV: how long reviews took against the statutory clocks
 * and in each stage, across the partnership (regulation 14 monitoring), as a chart with its table.
 */
export function timeAndQualityRoutes(app: FastifyInstance, services: Services): void {
  app.get('/reviews/time-and-quality', { config: reviewAccess('review.read') }, async (request, reply) => {
    const report = await services.reviews.timeAndQuality(request.actor!)
    const rows = report.clocks.map((c) => ({
      name: c.name,
      metOnTime: c.counts.met_on_time,
      metLate: c.counts.met_late,
      overdue: c.counts.overdue,
      running: c.counts.on_track + c.counts.due_soon,
      notStarted: c.counts.not_started,
      median: c.medianWorkingDaysTaken,
    }))
    const chart = await stackedBarChartSvg(
      rows.flatMap((r) =>
        [r.metOnTime, r.metLate, r.overdue, r.running].map((value, order) => ({
          category: r.name,
          series: SERIES[order],
          value,
          order,
        })),
      ),
      {
        title: 'Statutory clocks across the partnership’s reviews',
        series: [...SERIES],
        colours: COLOURS,
        summary: rows
          .map(
            (r) =>
              `${r.name}: ${r.metOnTime} met on time, ${r.metLate} met late, ${r.overdue} overdue, ${r.running} running`,
          )
          .join('. '),
      },
    )
    return reply.page('routes/reviews/time-and-quality/view.njk', {
      pageTitle: 'Time and quality of reviews',
      report,
      rows,
      chart,
    })
  })

  app.get('/reviews/time-and-quality.csv', { config: reviewAccess('review.read') }, async (request, reply) => {
    const report = await services.reviews.timeAndQuality(request.actor!)
    const lines: string[][] = [
      ['Clock', 'Met on time', 'Met late', 'Overdue', 'Running', 'Not started', 'Median working days taken'],
    ]
    for (const c of report.clocks) {
      lines.push(
        [
          c.name,
          c.counts.met_on_time,
          c.counts.met_late,
          c.counts.overdue,
          c.counts.on_track + c.counts.due_soon,
          c.counts.not_started,
          c.medianWorkingDaysTaken ?? '',
        ].map(String),
      )
    }
    lines.push([], ['Stage', 'Reviews', 'Median days in stage', 'Longest days in stage'])
    for (const s of report.stages)
      lines.push([s.name, String(s.reviews), String(s.medianDays ?? ''), String(s.longestDays ?? '')])
    return reply
      .header('Content-Type', 'text/csv; charset=utf-8')
      .header('Content-Disposition', 'attachment; filename="time-and-quality.csv"')
      .header('Cache-Control', 'no-store')
      .send(toCsv(lines[0], lines.slice(1)))
  })
}
