import type { FastifyInstance } from 'fastify'
import type { Services } from '../../../composition.ts'

/** People and places in a review (the cast the anonymisation engine uses), and anonymisation pages. */
export function caseKnowledgeRoutes(_app: FastifyInstance, _services: Services): void {}
