import type { FastifyInstance } from 'fastify'
import { isoDateParts, todayInEngland } from '../../../../modules/clocks/plain-date.ts'
import { chosenYear, FIRST_YEAR } from '../../../../modules/partnership-year/partnership-year.ts'
import type { PartnershipYearService } from '../../../../modules/partnership-year/partnership-year.service.ts'

/** `GET /partnership/year?year=YYYY`: the partnership's year in figures (this year when none is given). */
export function yearRoutes(app: FastifyInstance, partnershipYear: PartnershipYearService): void {
  app.get<{ Querystring: { year?: string } }>(
    '/partnership/year',
    { config: { routeAccess: { access: 'authenticated', permission: 'partnershipYear.read' } } },
    async (request, reply) => {
      const thisYear = isoDateParts(todayInEngland()).year
      const year = chosenYear(typeof request.query?.year === 'string' ? request.query.year : undefined, thisYear)
      const tables = await partnershipYear.year(request.actor!, year)
      const years = []
      for (let y = thisYear; y >= Math.max(FIRST_YEAR, thisYear - 6); y--)
        years.push({ value: String(y), text: String(y), selected: y === year })
      return reply.page('routes/partnership-year/year/view.njk', {
        pageTitle: `The partnership’s year ${year}`,
        tables,
        years,
      })
    },
  )
}
