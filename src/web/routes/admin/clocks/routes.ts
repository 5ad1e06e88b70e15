import type { FastifyInstance, FastifyReply } from 'fastify'
import type { Services } from '../../../../composition.ts'
import {
  CLOCK_DIRECTIONS,
  CLOCK_EVENTS,
  CLOCK_LENGTH_UNITS,
  type ClockDefinition,
  type ClockDirection,
  type ClockEvent,
  type ClockLengthUnit,
} from '../../../../modules/clocks/clock.ts'
import { ValidationError, type FieldError } from '../../../../modules/errors.ts'
import { errorSummary } from '../../../form.ts'

const manage = { routeAccess: { access: 'authenticated', permission: 'clock.manage' } } as const

/** Plain-English names of the events clocks run from and to. */
export const CLOCK_EVENT_NAMES: Record<ClockEvent, string> = {
  local_authority_aware: 'The local authority became aware',
  panel_notified: 'The national Panel was notified',
  rapid_review_sent_to_panel: 'The rapid review was sent to the Panel',
  decision_made: 'The decision was made',
  review_completed: 'The review was completed (sign-off began)',
  planned_publication: 'The planned publication date',
  report_sent_to_panel: 'The report was sent to the Panel',
}
const UNIT_NAMES: Record<ClockLengthUnit, string> = {
  working_days: 'working days',
  calendar_days: 'calendar days',
  months: 'months',
}

/**
 * `GET/POST /admin/clocks`: the partnership's statutory clocks as data an administrator can change
 * (name, length and unit, start and stop events, before or after, when to warn). Changes apply to
 * every review's clocks at once.
 */
export function clockAdminRoutes(app: FastifyInstance, services: Services): void {
  const show = (reply: FastifyReply, definitions: ClockDefinition[], status = 200, errors?: FieldError[]) =>
    reply.code(status).page('routes/admin/clocks/view.njk', {
      pageTitle: 'Statutory clocks',
      errors: errorSummary(errors),
      clocks: definitions,
      eventItems: CLOCK_EVENTS.map((e) => ({ value: e, text: CLOCK_EVENT_NAMES[e] })),
      unitItems: CLOCK_LENGTH_UNITS.map((u) => ({ value: u, text: UNIT_NAMES[u] })),
      directions: CLOCK_DIRECTIONS,
    })

  app.get<{ Querystring: { saved?: string } }>('/admin/clocks', { config: manage }, async (request, reply) =>
    reply.page('routes/admin/clocks/view.njk', {
      pageTitle: 'Statutory clocks',
      saved: request.query.saved === 'yes',
      clocks: await services.reviews.clockDefinitionsFor(request.actor!),
      eventItems: CLOCK_EVENTS.map((e) => ({ value: e, text: CLOCK_EVENT_NAMES[e] })),
      unitItems: CLOCK_LENGTH_UNITS.map((u) => ({ value: u, text: UNIT_NAMES[u] })),
      directions: CLOCK_DIRECTIONS,
    }),
  )

  app.post('/admin/clocks', { config: manage }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>
    const current = await services.reviews.clockDefinitionsFor(request.actor!)
    const value = (key: string, field: string) => String(body[`${key}-${field}`] ?? '').trim()
    const definitions: ClockDefinition[] = current.map((d) => ({
      key: d.key,
      name: value(d.key, 'name').slice(0, 200),
      startEvent: value(d.key, 'startEvent') as ClockEvent,
      stopEvent: value(d.key, 'stopEvent') as ClockEvent,
      direction: value(d.key, 'direction') as ClockDirection,
      // An empty or non-numeric amount becomes NaN, which the rules refuse with a message.
      length: {
        amount: value(d.key, 'amount') === '' ? Number.NaN : Number(value(d.key, 'amount')),
        unit: value(d.key, 'unit') as ClockLengthUnit,
      },
      dueSoonWorkingDays: value(d.key, 'dueSoon') === '' ? Number.NaN : Number(value(d.key, 'dueSoon')),
    }))
    try {
      await services.reviews.saveClockDefinitions(request.actor!, definitions)
    } catch (error) {
      if (error instanceof ValidationError) return show(reply, definitions, 400, error.errors)
      throw error
    }
    return reply.redirect('/admin/clocks?saved=yes', 303)
  })
}
