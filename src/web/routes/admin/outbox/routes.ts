import type { FastifyInstance } from 'fastify'
import type { Services } from '../../../../composition.ts'

/** `/admin/outbox`: email queued and sent (administrators). */
export function outboxRoutes(app: FastifyInstance, services: Services): void {
  void app
  void services
}
