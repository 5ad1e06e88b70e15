import fastifyMultipart, { type MultipartFile } from '@fastify/multipart'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { guardFormFile, type UploadedFormFile } from '../../../plugins/uploads.ts'

/** The bulk upload form's body once parsed: the reports, the metadata CSV, and the CSRF token. */
export interface BulkUploadBody {
  _csrf?: string
  files: UploadedFormFile[]
  csv: UploadedFormFile | null
}

/** Thrown when the reports together pass the total limit (answered 413 by the scope's error handler). */
class TotalTooLargeError extends Error {
  readonly statusCode = 413
  readonly code = 'BULK_TOTAL_TOO_LARGE'
}

/**
 * Register the bulk upload route in a multipart scope of its own: the app's shared upload scope
 * (`plugins/uploads.ts`) takes one file per request, and a bulk upload has many.
 *
 * Contract: `allowed` runs on `onRequest`, before any of the body is read. Limits, enforced while
 * the body is read: at most `maxFiles` files (reports and the CSV), each at most `maxFileBytes`,
 * and `maxTotalBytes` in all (the upload stops as soon as it passes it). A limit passed is handed
 * to `tooLarge`, which answers (the form with a plain message). Parts become `request.body`
 * (a {@link BulkUploadBody}) before `preHandler`, so the global CSRF check finds `_csrf`.
 */
export function registerBulkUploadRoute(
  app: FastifyInstance,
  options: {
    maxFiles: number
    maxFileBytes: number
    maxTotalBytes: number
    allowed: (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply | void>
    tooLarge: (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply>
  },
  route: (scope: FastifyInstance) => void,
): void {
  // Not awaited, as in plugins/uploads.ts: awaiting would load the app's plugins early.
  app.register(async (scope) => {
    const received = new WeakMap<FastifyRequest, number>()
    scope.addHook('onRequest', async (request, reply) => options.allowed(request, reply))
    // Catalogued so a test can send a zip bomb to every upload route.
    scope.addHook('onRoute', (route) => {
      for (const method of [route.method].flat())
        if (method !== 'HEAD') scope.uploadRoutes.push(`${method} ${route.url}`)
    })
    await scope.register(fastifyMultipart, {
      attachFieldsToBody: true,
      limits: {
        fileSize: options.maxFileBytes,
        files: options.maxFiles,
        fields: 5,
        fieldSize: 64 * 1024,
        parts: options.maxFiles + 5,
        headerPairs: 100,
      },
      // Count the bytes as each file is read, so that an upload over the total stops there.
      async onFile(this: FastifyRequest, part: MultipartFile) {
        const buffer = await part.toBuffer()
        const total = (received.get(this) ?? 0) + buffer.byteLength
        received.set(this, total)
        if (total > options.maxTotalBytes) throw new TotalTooLargeError('The files are too large')
      },
    })
    scope.addHook('preValidation', async (request: FastifyRequest) => {
      if (!request.isMultipart()) return
      const parts = (request.body ?? {}) as Record<string, unknown>
      const body: BulkUploadBody = { files: [], csv: null }
      const toFile = (part: unknown): UploadedFormFile | null => {
        const p = part as { type?: string; filename?: string; mimetype?: string; _buf?: Buffer }
        // A file input left empty sends one part with no name and no bytes.
        if (p?.type !== 'file' || !p.filename || !p._buf || p._buf.byteLength === 0) return null
        // A view of the buffered bytes, not a copy: a bulk upload can hold 100 MB.
        const data = new Uint8Array(p._buf.buffer, p._buf.byteOffset, p._buf.byteLength)
        return { fileName: p.filename, contentType: p.mimetype ?? null, data }
      }
      for (const part of [parts.files].flat()) {
        const file = toFile(part)
        if (file) body.files.push(await guardFormFile('files', file))
      }
      const csv = toFile([parts.csv].flat()[0])
      body.csv = csv && (await guardFormFile('csv', csv))
      const csrf = parts._csrf as { type?: string; value?: unknown } | undefined
      if (csrf?.type === 'field' && typeof csrf.value === 'string') body._csrf = csrf.value
      request.body = body
    })
    scope.setErrorHandler(async (error: FastifyError, request, reply) => {
      if (error.statusCode === 413) return options.tooLarge(request, reply)
      throw error
    })
    route(scope)
  })
}
