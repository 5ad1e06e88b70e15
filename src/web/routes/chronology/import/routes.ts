import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Services } from '../../../../composition.ts'
import { roleAllows } from '../../../../modules/access/permissions.ts'
import {
  CHRONOLOGY_FIELD_LABELS,
  CHRONOLOGY_FIELDS,
  DEFAULT_IMPORT_LIMITS,
  uploadProblem,
} from '../../../../modules/chronology/chronology-import.ts'
import { formatChronologyDate } from '../../../../modules/chronology/chronology-date.ts'
import type { ChronologyServices } from '../../../../modules/chronology/chronology-services.ts'
import { ValidationError, type FieldError } from '../../../../modules/errors.ts'
import { registerUploadRoutes, type UploadedFormFile } from '../../../plugins/uploads.ts'
import { chronologyAccess, text } from '../common.ts'
import { errorList } from '../../../form.ts'

/** Largest upload: the import's own limit (20 MB). */
export const MAX_CHRONOLOGY_UPLOAD_BYTES = DEFAULT_IMPORT_LIMITS.maxBytes
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
export function importRoutes(app: FastifyInstance, services: Services, chronology: ChronologyServices): void {
  const uploadPage = async (
    request: FastifyRequest<{ Params: { id: string } }>,
    reply: FastifyReply,
    status = 200,
    errors: FieldError[] = [],
  ) => {
    const actor = request.actor!
    // The agency contributor's scope check (asked for anything in this review) comes with the read scope.
    const { review, agencyId, agencies } = await chronology.integrated.readScope(actor, request.params.id)
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

  /** One page of a staged import: its problems (a page of rows with problems) and the first rows. */
  const previewPage = async (
    request: FastifyRequest<{ Params: { id: string } }>,
    reply: FastifyReply,
    importId: string,
    options: { page?: number; status?: 'by-result' | 200; commitErrors?: FieldError[] } = {},
  ) => {
    const staged = await chronology.imports.importPage(request.actor!, request.params.id, importId, options.page ?? 1)
    const { summary } = staged
    const commitErrors = options.commitErrors ?? []
    const errors: FieldError[] = [...commitErrors]
    if (!summary.canCommit) {
      errors.push({
        field: 'problems',
        message:
          summary.unmappedHeaders.length > 0
            ? `Choose where ${summary.unmappedHeaders.length === 1 ? 'a column goes' : `${summary.unmappedHeaders.length} columns go`}, then check the file again`
            : `The file cannot be imported yet: fix the ${summary.problemCount === 1 ? 'problem' : `${summary.problemCount.toLocaleString('en-GB')} problems`} below and upload it again. Nothing has been imported`,
      })
    }
    const ok = summary.canCommit && commitErrors.length === 0
    const base = `/reviews/${request.params.id}/chronology/import?import=${encodeURIComponent(importId)}`
    return reply.code(options.status === 200 || ok ? 200 : 400).page('routes/chronology/import/preview.njk', {
      pageTitle: `Check the chronology – ${staged.fileName}`,
      review: { id: request.params.id },
      errors: errorList(errors).map((e) => (e.field === 'problems' ? { ...e, href: '#problems' } : e)),
      importId,
      agency: staged.agency,
      fileName: staged.fileName,
      preview: summary,
      problemCountText: summary.problemCount.toLocaleString('en-GB'),
      rowCountText: summary.rowCount.toLocaleString('en-GB'),
      // The file's own problems lead the first page; then this page's rows, in file order.
      problems: [...(staged.page === 1 ? summary.fileProblems : []), ...staged.problemRows.flatMap((r) => r.problems)],
      pagination: paginationOf(base, staged.page, staged.pageCount),
      columns: summary.headers.map((header, i) => ({
        index: i,
        header,
        unmapped: summary.unmappedHeaders.includes(header),
        items: TARGET_ITEMS.map((item) => ({ ...item, selected: (summary.mapping[header] ?? '') === item.value })),
      })),
      rows: staged.firstRows.map((r) => ({
        row: r.row,
        date: r.date,
        event: r.event.length > 160 ? `${r.event.slice(0, 160)}…` : r.event,
        problems: r.problems,
      })),
      hiddenRows: Math.max(0, summary.rowCount - staged.firstRows.length),
      limitsText: LIMITS_TEXT,
      ownAgency: request.actor!.role === 'agency_contributor',
      duplicates: duplicatesView(staged.duplicates, summary.rowCount),
    })
  }

  // The upload form; with `?import=<id>&page=<n>`, a further page of a kept import's problems (a
  // 50,000-row file can have more than fit on one page).
  app.get<{ Params: { id: string }; Querystring: { import?: string; page?: string } }>(
    '/reviews/:id/chronology/import',
    { config: chronologyAccess('chronology.submit') },
    async (request, reply) => {
      const importId = typeof request.query.import === 'string' ? request.query.import.slice(0, 100) : ''
      if (!importId) return uploadPage(request, reply)
      const page = Number.parseInt(String(request.query.page ?? '1'), 10)
      try {
        return await previewPage(request, reply, importId, { page: Number.isFinite(page) ? page : 1, status: 200 })
      } catch (error) {
        if (error instanceof ValidationError) return uploadPage(request, reply, 400, error.errors)
        throw error
      }
    },
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
          // Every problem of the form at once: the agency (for people who choose it) and the file.
          const errors: FieldError[] = []
          if (request.actor!.role !== 'agency_contributor' && !body.agencyId) {
            errors.push({ field: 'agencyId', message: 'Select the agency the entries come from' })
          }
          if (!body.file || typeof body.file === 'string') {
            errors.push({ field: 'file', message: 'Select a CSV or Excel (.xlsx) file' })
          } else {
            const problem = uploadProblem(body.file.data)
            if (problem) errors.push({ field: 'file', message: problem })
          }
          if (errors.length > 0 || !body.file || typeof body.file === 'string') {
            return uploadPage(request, reply, 400, errors)
          }
          let importId: string
          try {
            const result = await chronology.imports.previewImport(request.actor!, request.params.id, {
              agencyId: body.agencyId,
              fileName: body.file.fileName,
              data: body.file.data,
            })
            importId = result.importId
          } catch (error) {
            if (error instanceof ValidationError) return uploadPage(request, reply, 400, error.errors)
            throw error
          }
          return previewPage(request, reply, importId)
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
          const choice = text(body, 'duplicates') === 'replace' ? 'replace' : 'skip'
          const done = await chronology.imports.commitImport(
            request.actor!,
            request.params.id,
            importId,
            choices,
            choice,
          )
          const saved =
            done.replaced > 0
              ? 'imported-replaced'
              : done.skipped > 0
                ? done.count === 0
                  ? 'imported-nothing'
                  : 'imported-skipped'
                : 'imported'
          return reply.redirect(`/reviews/${request.params.id}/chronology?saved=${saved}#drafts`, 303)
        }
        await chronology.imports.checkImport(request.actor!, request.params.id, importId, choices)
        return previewPage(request, reply, importId)
      } catch (error) {
        if (error instanceof ValidationError) {
          if (error.errors.some((e) => e.message === 'This file has already been imported')) {
            return uploadPage(request, reply, 400, error.errors)
          }
          // The commit read the file with these choices (or found it changed): show its problems.
          const commitErrors = error.errors.filter((e) => e.message.startsWith('The file was checked again'))
          return previewPage(request, reply, importId, { commitErrors })
        }
        throw error
      }
    },
  )
}

/** Rows shown in the preview's list of rows already in the chronology (the count says how many in all). */
const DUPLICATES_SHOWN = 100

/** What the preview shows of the rows already in the agency's chronology, or null when there are none. */
function duplicatesView(
  duplicates: ReadonlyArray<{
    row: number
    status: 'draft' | 'submitted'
    date: Parameters<typeof formatChronologyDate>[0]
    event: string
  }>,
  rowCount: number,
) {
  if (duplicates.length === 0) return null
  const submitted = duplicates.filter((d) => d.status === 'submitted').length
  const drafts = duplicates.length - submitted
  const n = (count: number, one: string, many: string) => `${count.toLocaleString('en-GB')} ${count === 1 ? one : many}`
  const parts = [
    submitted > 0 ? `${n(submitted, 'is', 'are')} submitted` : '',
    drafts > 0 ? `${n(drafts, 'is a draft', 'are drafts')}` : '',
  ]
  return {
    count: duplicates.length,
    heading: `${n(duplicates.length, 'row is', 'rows are')} already in your chronology`,
    detail: `They have the same date, event and source record as entries you have already imported or typed: ${parts.filter(Boolean).join(' and ')}.`,
    newRows: rowCount - duplicates.length,
    rows: duplicates.slice(0, DUPLICATES_SHOWN).map((d) => ({
      row: d.row,
      date: formatChronologyDate(d.date),
      event: d.event.length > 160 ? `${d.event.slice(0, 160)}…` : d.event,
      status: d.status === 'submitted' ? 'Submitted' : 'Draft',
    })),
    hidden: Math.max(0, duplicates.length - DUPLICATES_SHOWN),
  }
}

/** GOV.UK pagination items for the pages of problems (previous, next, and every page number up to 50). */
function paginationOf(base: string, page: number, pageCount: number) {
  if (pageCount <= 1) return null
  const href = (n: number) => `${base}&page=${n}#problems`
  const numbers = Array.from({ length: pageCount }, (_, i) => i + 1).filter(
    (n) => pageCount <= 50 || n === 1 || n === pageCount || Math.abs(n - page) <= 2,
  )
  const items: ({ number: number; href: string; current: boolean } | { ellipsis: true })[] = []
  numbers.forEach((n, i) => {
    if (i > 0 && n - numbers[i - 1] > 1) items.push({ ellipsis: true })
    items.push({ number: n, href: href(n), current: n === page })
  })
  return {
    items,
    previous: page > 1 ? { href: href(page - 1) } : undefined,
    next: page < pageCount ? { href: href(page + 1) } : undefined,
    landmarkLabel: 'Pages of problems',
  }
}
