import type { FastifyInstance } from 'fastify'
import type { Services } from '../../../composition.ts'

/** Agency contributions and the integrated chronology (issue 5). Registered by `src/web/app.ts`. */
export function chronologyRoutes(_app: FastifyInstance, _services: Services): void {}
