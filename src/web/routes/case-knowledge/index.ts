import type { FastifyInstance } from 'fastify'
import type { Services } from '../../../composition.ts'
import { anonymiseRoutes } from './anonymise/routes.ts'
import { decisionRoutes } from './documents/decision-routes.ts'
import { documentRoutes } from './documents/routes.ts'
import { peopleRoutes } from './people/routes.ts'

/** People and places in a review (the cast the anonymisation engine uses), and anonymisation pages. */
export function caseKnowledgeRoutes(app: FastifyInstance, services: Services): void {
  peopleRoutes(app, services)
  anonymiseRoutes(app, services)
  documentRoutes(app, services)
  decisionRoutes(app, services)
}
