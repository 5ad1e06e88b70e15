import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Services } from '../../../../composition.ts'
import { roleAllows } from '../../../../modules/access/permissions.ts'
import {
  CHRONOLOGY_FIELD_LABELS,
  CHRONOLOGY_FIELDS,
  DEFAULT_IMPORT_LIMITS,
} from '../../../../modules/chronology/chronology-import.ts'
import type { ChronologyService, ImportResult } from '../../../../modules/chronology/chronology.service.ts'
import { ValidationError, type FieldError } from '../../../../modules/errors.ts'
import { errorList } from '../../../plugins/pages.ts'
import { registerUploadRoutes, type UploadedFormFile } from '../../../plugins/uploads.ts'
import { chronologyAccess, text } from '../common.ts'

/** Largest upload: the import's own limit (20 MB). */
export const MAX_CHRONOLOGY_UPLOAD_BYTES = DEFAULT_IMPORT_LIMITS.maxBytes
/** Rows shown in a preview: every row with a problem (up to this many) and the first rows without. */
const PREVIEW_ROWS = 200

const LIMITS_TEXT = `Files can be up to ${MAX_CHRONOLOGY_UPLOAD_BYTES / 1024 / 1024} MB, with up to ${DEFAULT_IMPORT_LIMITS.maxRows.toLocaleString('en-GB')} rows and ${DEFAULT_IMPORT_LIMITS.maxCellChars.toLocaleString('en-GB')} characters in a cell.`

/** The upload form's body, flattened by `registerUploadRoutes`. */
interface UploadBody {
  _csrf?: string
  agencyId?: string
  file?: UploadedFormFile | string
}

const TARGET_ITEMS = [
  { value: '', text: 'Choose where this column goes' },
  ...CHRONOLOGY_FIELDS.map((f) => ({
    value: f,
    text: CHRONOLOGY_FIELD_LABELS[f].replace(/^./, (c) => c.toUpperCase()),
  })),
  { value: 'ignore', text: 'Leave this column out' },
]

/**
 * Importing a chronology file: `GET /reviews/:id/chronology/import` (the upload form),
 * `POST /reviews/:id/chronology/import` (multipart upload → preview of every row with its problems), and
 * `POST /reviews/:id/chronology/import/check` (choose where columns go, check again, or commit all rows).
 *
 * Uploads go through `registerUploadRoutes` (multipart only in its own scope: one file of at most 20 MB,
 * three small fields, `_csrf` on `request.body` before the global CSRF check); who may import is checked
 * on `onRequest`, before any byte of the body is read. An empty file counts as no file chosen.
 */
export function importRoutes(app: FastifyInstance, services: Services, chronology: ChronologyService): void {
  const uploadPage = async (
    request: FastifyRequest<{ Params: { id: string } }>,
    reply: FastifyReply,
    status = 200,
    errors: FieldError[] = [],
  ) => {
    const actor = request.actor!
    // The agency contributor's scope check (asked for anything in this review) comes with the read scope.
    const { review, agencyId, agencies } = await chronology.readScope(actor, request.params.id)
    return reply.code(status).page('routes/chronology/import/upload.njk', {
      pageTitle: `Import a chronology – ${review.reference}`,
      review,
      errors: errorList(errors),
      limitsText: LIMITS_TEXT,
      ownAgency: agencyId ? agencies.find((a) => a.id === agencyId)?.name : null,
      agencyItems: agencyId
        ? []
        : [{ value: '', text: 'Choose an agency' }, ...agencies.map((a) => ({ value: a.id, text: a.name }))],
    })
  }

  const previewPage = (
    request: FastifyRequest<{ Params: { id: string } }>,
    reply: FastifyReply,
    result: ImportResult,
    commitErrors: FieldError[] = [],
  ) => {
    const { preview } = result
    const withProblems = preview.rows.filter((r) => r.problems.length > 0)
    const shown = [
      ...withProblems.slice(0, PREVIEW_ROWS),
      ...preview.rows.filter((r) => r.problems.length === 0).slice(0, PREVIEW_ROWS),
    ].sort((a, b) => a.row - b.row)
    const fileProblems = preview.problems.filter((p) => p.row === null).map((p) => p.message)
    const blocking = preview.problems.length + preview.unmappedHeaders.length
    const errors: FieldError[] = [...commitErrors]
    if (!preview.canCommit) {
      errors.push({
        field: 'problems',
        message:
          preview.unmappedHeaders.length > 0
            ? `Choose where ${preview.unmappedHeaders.length === 1 ? 'a column goes' : `${preview.unmappedHeaders.length} columns go`}, then check the file again`
            : `The file cannot be imported yet: fix the ${preview.problems.length === 1 ? 'problem' : `${preview.problems.length} problems`} below and upload it again. Nothing has been imported`,
      })
    }
    return reply
      .code(preview.canCommit && commitErrors.length === 0 ? 200 : 400)
      .page('routes/chronology/import/preview.njk', {
        pageTitle: `Check the chronology – ${result.fileName}`,
        review: { id: request.params.id },
        errors: errorList(errors).map((e) => (e.field === 'problems' ? { ...e, href: '#problems' } : e)),
        importId: result.importId,
        agency: result.agency,
        fileName: result.fileName,
        preview,
        blocking,
        fileProblems,
        problems: preview.problems.slice(0, 500).map((p) => p.message),
        columns: preview.headers.map((header, i) => ({
          index: i,
          header,
          unmapped: preview.unmappedHeaders.includes(header),
          items: TARGET_ITEMS.map((item) => ({ ...item, selected: (preview.mapping[header] ?? '') === item.value })),
        })),
        rows: shown.map((r) => ({
          row: r.row,
          date: r.cells.date,
          event: r.cells.event.length > 160 ? `${r.cells.event.slice(0, 160)}…` : r.cells.event,
          agency: r.cells.agency,
          problems: r.problems,
        })),
        hiddenRows: preview.rows.length - shown.length,
        limitsText: LIMITS_TEXT,
        ownAgency: request.actor!.role === 'agency_contributor',
      })
  }

  app.get<{ Params: { id: string } }>(
    '/reviews/:id/chronology/import',
    { config: chronologyAccess('chronology.submit') },
    async (request, reply) => uploadPage(request, reply),
  )

  registerUploadRoutes(
    app,
    {
      maxFileBytes: MAX_CHRONOLOGY_UPLOAD_BYTES,
      maxFields: 3,
      // Refuse people who may not import before the body is read.
      allowed: async (request, reply) => {
        if (!request.actor) return reply.code(401).page('errors/signed-out.njk', { pageTitle: 'You need to sign in' })
        if (!roleAllows(request.actor.role, 'chronology.submit')) {
          await services.audit.recordRefusal(request.actor, 'chronology.submit', {
            type: 'route',
            id: request.routeOptions.url ?? '',
          })
          return reply
            .code(403)
            .page('errors/forbidden.njk', { pageTitle: 'You do not have permission to view this page' })
        }
      },
    },
    (scope) => {
      scope.post<{ Params: { id: string } }>(
        '/reviews/:id/chronology/import',
        { config: chronologyAccess('chronology.submit') },
        async (request, reply) => {
          const body = (request.isMultipart() ? request.body : {}) as UploadBody
          if (!body.file || typeof body.file === 'string') {
            return uploadPage(request, reply, 400, [{ field: 'file', message: 'Select a CSV or Excel (.xlsx) file' }])
          }
          let result: ImportResult
          try {
            result = await chronology.previewImport(request.actor!, request.params.id, {
              agencyId: body.agencyId,
              fileName: body.file.fileName,
              data: body.file.data,
            })
          } catch (error) {
            if (error instanceof ValidationError) return uploadPage(request, reply, 400, error.errors)
            throw error
          }
          return previewPage(request, reply, result)
        },
      )
    },
  )

  app.post<{ Params: { id: string } }>(
    '/reviews/:id/chronology/import/check',
    { config: chronologyAccess('chronology.submit') },
    async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>
      const importId = text(body, 'importId', 100)
      const choices: Record<string, string> = {}
      for (let i = 0; i < 200; i++) {
        const header = text(body, `header-${i}`, 500)
        const target = text(body, `map-${i}`, 50)
        if (header && target) choices[header] = target
      }
      if (!importId) {
        return uploadPage(request, reply, 400, [{ field: 'file', message: 'Upload the file again' }])
      }
      try {
        if (text(body, 'action') === 'commit') {
          await chronology.commitImport(request.actor!, request.params.id, importId, choices)
          return reply.redirect(`/reviews/${request.params.id}/chronology?saved=imported#drafts`, 303)
        }
        return previewPage(
          request,
          reply,
          await chronology.checkImport(request.actor!, request.params.id, importId, choices),
        )
      } catch (error) {
        if (error instanceof ValidationError) {
          if (error.errors.some((e) => e.message === 'This file has already been imported')) {
            return uploadPage(request, reply, 400, error.errors)
          }
          const result = await chronology.checkImport(request.actor!, request.params.id, importId, choices)
          return previewPage(request, reply, result)
        }
        throw error
      }
    },
  )
}
