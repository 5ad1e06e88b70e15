import type { FastifyInstance } from 'fastify'
import { databaseAnswers, type DatabaseHandle } from '../../../../db/database.ts'

/** `GET /health`: 200 `{"status":"ok","database":"sqlite"|"postgres"}` when the database answers, else 503. */
export function healthRoutes(app: FastifyInstance, database: DatabaseHandle): void {
  app.get('/health', { config: { routeAccess: { access: 'public' } } }, async (_request, reply) => {
    const ok = await databaseAnswers(database.db)
    reply.header('Cache-Control', 'no-store')
    return reply.code(ok ? 200 : 503).send({ status: ok ? 'ok' : 'unavailable', database: database.kind })
  })
}
