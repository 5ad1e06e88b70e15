import type { Permission } from '../../../modules/access/permissions.ts'
import { formatLongDate } from '../../../modules/clocks/plain-date.ts'
import {
  CRITERION_RATING_NAMES,
  OUTCOME_NAMES,
  PANEL_TOPICS,
  partnershipStepProblem,
  QUALITY_CRITERIA,
  TOPIC_NAMES,
  TOPIC_SLUGS,
  type PanelExchange,
} from '../../../modules/panel/panel.ts'

/** Route config for the Panel's pages and the partnership's answers: signed in, with a permission. */
export const panelAccess = (permission: Permission) =>
  ({ routeAccess: { access: 'authenticated', permission } }) as const

/** An exchange step as the pages show it (the shared `exchanges.njk` partial). */
export function presentExchange(step: PanelExchange) {
  return {
    id: step.id,
    topicName: TOPIC_NAMES[step.topic],
    by: step.party === 'panel' ? 'The national Panel' : 'The partnership',
    party: step.party,
    outcome:
      step.topic === 'quality' && step.party === 'panel'
        ? `Overall rating: ${OUTCOME_NAMES[step.outcome]}`
        : (OUTCOME_NAMES[step.outcome] ?? step.outcome),
    reasons: step.reasons,
    questions: step.questions,
    ratings: step.ratings
      ? QUALITY_CRITERIA.map((c) => ({
          text: c.text,
          rating: CRITERION_RATING_NAMES[step.ratings![c.key].rating],
          comment: step.ratings![c.key].comment,
        }))
      : null,
    happenedOn: step.happenedOn,
    recordedByName: step.recordedByName,
  }
}

/**
 * The review page's "national Panel" task list rows (the partnership's side): one per topic the Panel has
 * spoken on, linking to the answer page when it is the partnership's turn and the reader may answer.
 */
export function presentPanelRows(reviewId: string, exchanges: readonly PanelExchange[], mayAnswer: boolean) {
  return PANEL_TOPICS.flatMap((topic) => {
    const steps = exchanges.filter((e) => e.topic === topic)
    const last = steps.at(-1)
    if (!last) return []
    const yourTurn = partnershipStepProblem(exchanges, topic) === null
    const asks = last.party === 'panel' && (last.outcome !== 'agrees' || last.questions.trim() !== '')
    const status = yourTurn
      ? asks
        ? { tag: { text: 'Answer the Panel', classes: 'govuk-tag--red' } }
        : { text: OUTCOME_NAMES[last.outcome] ?? 'Received' }
      : { tag: { text: 'Waiting on the Panel', classes: 'govuk-tag--yellow' } }
    return [
      {
        title: { text: `The Panel on the ${TOPIC_NAMES[topic].toLowerCase()}` },
        href: yourTurn && mayAnswer ? `/reviews/${reviewId}/panel/${TOPIC_SLUGS[topic]}` : undefined,
        hint: {
          text: `${steps.length} ${steps.length === 1 ? 'step' : 'steps'}, the last on ${formatLongDate(last.happenedOn)}`,
        },
        status,
      },
    ]
  })
}

/** How a page explains a step recorded by someone else after it was opened (the typed text is kept). */
export const STALE_STEP = {
  field: 'reasons',
  message:
    'Someone recorded a step on this review after you opened the page. Your text is kept below: read the steps above, then send it again',
}
