import type { FastifyInstance } from 'fastify'
import type { AuditService } from '../../../../modules/audit/audit.service.ts'
import { errorList, parseForm } from '../../../form.ts'
import { auditFilterSchema } from './schemas.ts'

/** `GET /admin/audit` (filter and page through the log) and `GET /admin/audit.csv` (the filtered log as CSV). */
export function auditRoutes(app: FastifyInstance, audit: AuditService): void {
  app.get(
    '/admin/audit',
    { config: { routeAccess: { access: 'authenticated', permission: 'audit.read' } } },
    async (request, reply) => {
      const query = request.query as Record<string, string>
      const form = parseForm(auditFilterSchema, query)
      const filter = form.ok ? form.data : {}
      const result = await audit.list(request.actor!, filter, form.ok ? (form.data.page ?? 1) : 1)
      const params = new URLSearchParams()
      for (const key of ['action', 'actorEmail', 'outcome', 'from', 'to'] as const) {
        const value = form.ok ? form.data[key] : undefined
        if (value) params.set(key, value)
      }
      const lastPage = Math.max(1, Math.ceil(result.total / result.pageSize))
      const pageLink = (page: number) => `/admin/audit?${new URLSearchParams([...params, ['page', String(page)]])}`
      return reply.code(form.ok ? 200 : 400).page('routes/admin/audit/view.njk', {
        pageTitle: 'Audit log',
        errors: form.ok ? undefined : errorList(form.errors),
        values: query,
        result,
        csvLink: `/admin/audit.csv?${params}`,
        pagination: {
          previous: result.page > 1 ? { href: pageLink(result.page - 1) } : undefined,
          next: result.page < lastPage ? { href: pageLink(result.page + 1) } : undefined,
          items: [],
        },
        lastPage,
      })
    },
  )

  app.get(
    '/admin/audit.csv',
    { config: { routeAccess: { access: 'authenticated', permission: 'audit.export' } } },
    async (request, reply) => {
      const form = parseForm(auditFilterSchema, request.query)
      const csv = await audit.exportCsv(request.actor!, form.ok ? form.data : {})
      return reply
        .header('Content-Type', 'text/csv; charset=utf-8')
        .header('Content-Disposition', 'attachment; filename="audit-log.csv"')
        .header('Cache-Control', 'no-store')
        .send(csv)
    },
  )
}
