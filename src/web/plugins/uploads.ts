import fastifyMultipart from '@fastify/multipart'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { RefusalRecorder } from '../../modules/access/access.ts'
import { roleAllows, type Permission } from '../../modules/access/permissions.ts'

/** A file from a form upload, read into memory (bounded by the scope's limit). */
export interface UploadedFormFile {
  readonly fileName: string
  /** As the browser sent it; callers check the bytes and the extension, not only this. */
  readonly contentType: string | null
  readonly data: Uint8Array
}

/**
 * Register routes that accept file uploads (`multipart/form-data`), in a scope of their own so
 * that no other route parses multipart bodies.
 *
 * Contract: `allowed` runs on `onRequest`, before a byte of the body is read (refuse there: answer
 * and return the reply). Limits: one file of at most `maxFileBytes` (a bigger one is answered
 * 413 by the error pages), `maxFields` small text fields. The parts are flattened onto
 * `request.body` before `preHandler`, so the global CSRF check finds `_csrf` as usual: text fields
 * become strings, the file an {@link UploadedFormFile} (absent when none was chosen).
 */
export function registerUploadRoutes(
  app: FastifyInstance,
  options: {
    maxFileBytes: number
    maxFields: number
    allowed: (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply | void>
    /**
     * Pass a chosen but empty file through (with no bytes) instead of dropping it, so the route can answer
     * "The selected file is empty" rather than "Select a file". Off by default.
     */
    keepEmptyFiles?: boolean
  },
  routes: (scope: FastifyInstance) => void,
): void {
  // Not awaited: awaiting a registration here would load the plugins registered so far early,
  // and routes added after it (as tests do) would then stop the app from becoming ready.
  app.register(async (scope) => {
    scope.addHook('onRequest', async (request, reply) => options.allowed(request, reply))
    await scope.register(fastifyMultipart, {
      attachFieldsToBody: true,
      limits: {
        fileSize: options.maxFileBytes,
        files: 1,
        fields: options.maxFields,
        fieldSize: 64 * 1024,
        parts: options.maxFields + 1,
        headerPairs: 100,
      },
    })
    scope.addHook('preValidation', async (request: FastifyRequest) => {
      if (!request.isMultipart()) return
      const parts = (request.body ?? {}) as Record<string, unknown>
      const body: Record<string, string | UploadedFormFile> = {}
      for (const [name, part] of Object.entries(parts)) {
        const p = part as { type?: string; value?: unknown; filename?: string; mimetype?: string; _buf?: Buffer }
        if (p?.type === 'field' && typeof p.value === 'string') body[name] = p.value
        // Buffered by @fastify/multipart (attachFieldsToBody); an empty file input sends no bytes.
        if (p?.type === 'file' && p._buf && (p._buf.byteLength > 0 || options.keepEmptyFiles) && p.filename) {
          body[name] = { fileName: p.filename, contentType: p.mimetype ?? null, data: new Uint8Array(p._buf) }
        }
      }
      request.body = body
    })
    routes(scope)
  })
}

/**
 * The usual `allowed` check for an upload scope: signed in (else the sign-in page) with
 * `permission` (else the 403 page, and the refusal is audited), before any of the body is read.
 */
export function requirePermissionBeforeUpload(recorder: RefusalRecorder, permission: Permission) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | void> => {
    if (!request.actor) return reply.code(401).page('errors/signed-out.njk', { pageTitle: 'You need to sign in' })
    if (!roleAllows(request.actor.role, permission)) {
      await recorder.recordRefusal(request.actor, permission, { type: 'route', id: request.routeOptions.url ?? '' })
      return reply.code(403).page('errors/forbidden.njk', { pageTitle: 'You do not have permission to view this page' })
    }
  }
}
