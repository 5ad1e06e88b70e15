import type { FastifyInstance } from 'fastify'
import type { Services } from '../../../../composition.ts'
import { WAITING, WAITING_NAMES } from '../../../../modules/panel/panel.ts'
import { AGE_BAND_LABELS, AGE_BANDS } from '../../../../modules/published-reviews/published-review.ts'
import { INCIDENT_NATURES, REVIEW_STAGES, STAGE_NAMES } from '../../../../modules/reviews/review.ts'
import { parseForm } from '../../../form.ts'
import { presentClock } from '../../reviews/present.ts'
import { panelAccess } from '../common.ts'
import { queueFiltersSchema } from './schemas.ts'

export const HARM_NAMES: Record<string, string> = { death: 'Death', serious_harm: 'Serious harm' }

const select = (all: string, options: ReadonlyArray<{ value: string; text: string }>, chosen: string) => [
  { value: '', text: all, selected: chosen === '' },
  ...options.map((o) => ({ ...o, selected: o.value === chosen })),
]

/**
 * `GET /panel`: the national Panel's queue, every partnership's submitted notifications with their
 * five-working-day notification clock and the rapid review clock, what each is waiting on (the Panel's own
 * turns first), filtered by region, age band, harm, stage and what it waits for.
 */
export function panelQueueRoutes(app: FastifyInstance, services: Services): void {
  app.get('/panel', { config: panelAccess('panel.read') }, async (request, reply) => {
    const form = parseForm(queueFiltersSchema, request.query)
    const filters = form.ok ? form.data : { region: '', ageBand: '', harm: '', stage: '', waiting: '' }
    const { items, regions } = await services.panel.queue(request.actor!, filters)
    return reply.page('routes/panel/queue/view.njk', {
      pageTitle: 'The national Panel’s queue',
      filtered: Object.values(filters).some(Boolean),
      rows: items.map((i) => ({
        id: i.review.id,
        reference: i.review.reference,
        pseudonym: i.review.pseudonym ?? i.review.children.map((c) => c.name).join(', '),
        partnership: i.partnership.name,
        region: i.partnership.region,
        harm: HARM_NAMES[i.review.nature ?? ''] ?? 'Not recorded',
        ageBands: i.ageBands.map((b) => AGE_BAND_LABELS[b]).join(', ') || 'Not known',
        stage: STAGE_NAMES[i.review.stage],
        notification: presentClock(i.clocks.find((c) => c.definition.stopEvent === 'panel_notified') ?? null),
        rapidReview: presentClock(
          i.clocks.find((c) => c.definition.stopEvent === 'rapid_review_sent_to_panel') ?? null,
        ),
        waitingName: i.waitingName,
        waitingOnPanel: i.waitingOn === 'panel',
        nationalReview: i.nationalReview,
      })),
      regionItems: select(
        'Any region',
        regions.map((r) => ({ value: r, text: r })),
        filters.region,
      ),
      ageItems: select(
        'Any age',
        AGE_BANDS.map((b) => ({ value: b, text: AGE_BAND_LABELS[b] })),
        filters.ageBand,
      ),
      harmItems: select(
        'Any harm',
        INCIDENT_NATURES.map((n) => ({ value: n, text: HARM_NAMES[n] })),
        filters.harm,
      ),
      stageItems: select(
        'Any stage',
        REVIEW_STAGES.map((s) => ({ value: s, text: STAGE_NAMES[s] })),
        filters.stage,
      ),
      waitingItems: select(
        'Anything',
        WAITING.map((w) => ({ value: w, text: WAITING_NAMES[w] })),
        filters.waiting,
      ),
    })
  })
}
