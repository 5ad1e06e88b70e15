import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { roleAllows } from '../../../../modules/access/permissions.ts'
import { formatChronologyDate } from '../../../../modules/chronology/chronology-date.ts'
import type { ChronologyEntry } from '../../../../modules/chronology/chronology.ts'
import { filterDate } from '../../../../modules/chronology/chronology-entry.ts'
import type { ChronologyServices } from '../../../../modules/chronology/chronology-services.ts'
import type { IntegratedFilter } from '../../../../modules/chronology/integrated-chronology.service.ts'
import { formatLongDate } from '../../../../modules/clocks/plain-date.ts'
import { ValidationError, type FieldError } from '../../../../modules/errors.ts'
import { inPeriod, periodsOf, type Period } from '../../../../modules/chronology/periods.ts'
import { chronologyAccess, list, text } from '../common.ts'
import { errorList, formFailure } from '../../../form.ts'

/** The integrated page's query string: its filters and view. */
export type Query = {
  agency?: string
  from?: string
  to?: string
  significance?: string
  gapDays?: string
  person?: string
  episode?: string
  /** `episode`: show the table with a checkbox per entry, to make a key practice episode. */
  select?: string
  view?: string
  /** The period shown: `YYYY`, `YYYY-MM`, or `all` (see `periods.ts`). */
  period?: string
  /** The page of proposed links shown (1-based), on the links view. */
  page?: string
  saved?: string
}

/** The integrated chronology's views, each a page of its own (sub-navigation at the top). */
export type IntegratedTab = 'entries' | 'gaps' | 'links'

const SAVED: Record<string, string> = {
  submitted: 'Entries submitted to the integrated chronology.',
  imported: 'File imported as draft entries. Check them, then submit them.',
  'imported-skipped':
    'File imported as draft entries. Rows already in your chronology were left out. Check the drafts, then submit them.',
  'imported-replaced':
    'File imported as draft entries. Entries already in your chronology were replaced by the file’s rows. Check the drafts, then submit them.',
  'imported-nothing': 'Nothing new was imported: every row of the file is already in your chronology.',
  discarded: 'Draft entries discarded.',
  entry: 'Entry saved as a draft.',
  confirmed: 'Link confirmed: the entries are shown as one event.',
  split: 'Link split: the entries are shown as separate events.',
  shared: 'The integrated chronology is shared with the agencies of this review.',
  withdrawn: 'Sharing withdrawn: agency contributors see their own agency’s entries only.',
  matched: 'People in the case linked to entries again.',
}

/** Proposed links on one page of the links view. */
export const LINKS_PER_PAGE = 20

/** Undecided proposals first (best first), then decided ones. */
function orderedLinks<T extends { status: string }>(links: readonly T[]): T[] {
  return [...links.filter((l) => l.status === 'proposed'), ...links.filter((l) => l.status !== 'proposed')]
}

/** The page of links asked for (1 when missing or not a page number), within 1..pages. */
function linkPage(asked: string | undefined, total: number): { page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(total / LINKS_PER_PAGE))
  const n = Number(asked)
  return { page: Number.isInteger(n) && n >= 1 ? Math.min(n, pages) : 1, pages }
}

/** Reads the page's filters; problems are GOV.UK messages. */
function readFilter(query: Query): { filter: IntegratedFilter; errors: FieldError[] } {
  const errors: FieldError[] = []
  const from = filterDate(query.from ?? '', 'start')
  const to = filterDate(query.to ?? '', 'end')
  if (from === 'invalid')
    errors.push({ field: 'from', message: 'Enter the start date as a date, for example 1 October 2022' })
  if (to === 'invalid') errors.push({ field: 'to', message: 'Enter the end date as a date, for example 31 March 2024' })
  const gapText = (query.gapDays ?? '').trim()
  const gapDays = gapText === '' ? 28 : Number(gapText)
  if (!Number.isInteger(gapDays) || gapDays < 1 || gapDays > 3650) {
    errors.push({ field: 'gapDays', message: 'Enter the length of a gap as a whole number of days, from 1 to 3650' })
  }
  return {
    filter: {
      agencyId: query.agency || undefined,
      from: from && from !== 'invalid' ? from : undefined,
      to: to && to !== 'invalid' ? to : undefined,
      significance: (query.significance ?? '').trim().slice(0, 200) || undefined,
      gapDays: Number.isInteger(gapDays) && gapDays >= 1 && gapDays <= 3650 ? gapDays : 28,
      personId: (query.person ?? '').slice(0, 100) || undefined,
      episodeId: (query.episode ?? '').slice(0, 100) || undefined,
    },
    errors,
  }
}

function present(e: ChronologyEntry) {
  return {
    id: e.id,
    date: formatChronologyDate(e.date),
    time: e.time ?? '',
    agency: e.agency,
    sourceRecord: e.sourceRecord,
    practitionerRole: e.practitionerRole,
    people: e.peopleInvolved.join('; '),
    event: e.event,
    actionTaken: e.actionTaken,
    outcome: e.outcome,
    significance: e.significance,
    status: e.status,
  }
}

/** The integrated chronology page, its exports, link decisions and submitting drafts. */
export function integratedRoutes(app: FastifyInstance, chronology: ChronologyServices): IntegratedPage {
  const show = integratedPage(chronology)
  app.get<{ Params: { id: string }; Querystring: Query }>(
    '/reviews/:id/chronology',
    { config: chronologyAccess('chronology.read') },
    async (request, reply) => show(request, reply),
  )
  for (const tab of ['gaps', 'links'] as const) {
    app.get<{ Params: { id: string }; Querystring: Query }>(
      `/reviews/:id/chronology/${tab}`,
      { config: chronologyAccess('chronology.read') },
      async (request, reply) => show(request, reply, { tab }),
    )
  }
  registerIntegratedForms(app, chronology, show)
  return show
}

/** The integrated chronology page, with the filters of the query string; shown again with form errors. */
export function integratedPage(chronology: ChronologyServices) {
  return async (
    request: FastifyRequest<{ Params: { id: string }; Querystring: Query }>,
    reply: FastifyReply,
    options: {
      status?: number
      errors?: FieldError[]
      /** What was typed in the "make an episode" form, shown again with its errors. */
      episodeValues?: { name: string; notes: string; entryIds: string[] }
      tab?: IntegratedTab
    } = {},
  ) => {
    const tab = options.tab ?? 'entries'
    const actor = request.actor!
    const query = request.query ?? {}
    const { filter, errors } = readFilter(query)
    const result = await chronology.integrated.view(actor, request.params.id, filter)
    const { scope } = result
    const byId = new Map(result.entries.map((e) => [e.id, e]))
    const allIds = new Set(result.links.flatMap((l) => l.entryIds))
    const linkedWith = new Map<string, string[]>()
    for (const link of result.links.filter((l) => l.status === 'confirmed')) {
      const [a, b] = link.entryIds
      linkedWith.set(a, [...(linkedWith.get(a) ?? []), b])
      linkedWith.set(b, [...(linkedWith.get(b) ?? []), a])
    }
    const label = (id: string) => {
      const e = byId.get(id)
      return e ? `${formatChronologyDate(e.date)}, ${e.agency}` : 'an entry outside these filters'
    }
    // Only a submitter has drafts; asking without the permission would be an audited refusal.
    const drafts = roleAllows(actor.role, 'chronology.submit')
      ? await chronology.entries.drafts(actor, request.params.id)
      : []
    const canShare = roleAllows(actor.role, 'review.manage')
    const sharing = canShare ? await chronology.sharing.state(actor, request.params.id) : null
    const draftAgencies = [...new Set(drafts.map((d) => d.agencyId))].map((id) => ({
      id,
      name: result.agencyNames.get(id) ?? '',
      count: drafts.filter((d) => d.agencyId === id).length,
    }))
    // The filters, carried by every link between periods and views (never the one-off message or selection).
    const filters = Object.entries(query).filter(
      ([k, v]) => !['saved', 'view', 'select', 'period', 'page'].includes(k) && typeof v === 'string' && v !== '',
    ) as [string, string][]
    const queryString = new URLSearchParams(filters).toString()
    const periods = periodsOf(result.entries)
    const period =
      query.period === 'all' ? 'all' : ((periods.find((p) => p.key === query.period) ?? periods[0])?.key ?? 'all')
    const pageEntries = period === 'all' ? result.entries : result.entries.filter((e) => inPeriod(e, period))
    const undecided = result.links.filter((l) => l.status === 'proposed').length
    const { page: linksPage, pages: linkPages } = linkPage(query.page, result.links.length)
    const firstLink = (linksPage - 1) * LINKS_PER_PAGE
    const linksHref = (n: number) => withQuery(`${base}/links`, n === 1 ? {} : { page: String(n) })
    const base = `/reviews/${request.params.id}/chronology`
    const withQuery = (path: string, extra: Record<string, string> = {}) => {
      const qs = new URLSearchParams([...filters, ...Object.entries(extra)]).toString()
      return qs ? `${path}?${qs}` : path
    }
    const viewExtra: Record<string, string> = query.view === 'timeline' ? { view: 'timeline' } : {}
    const tabTitle = { entries: '', gaps: 'Gaps – ', links: 'Proposed links – ' }[tab]
    return reply.code(options.status ?? (errors.length ? 400 : 200)).page('routes/chronology/integrated/view.njk', {
      pageTitle: `${tabTitle}Integrated chronology – ${scope.review.reference}`,
      tab,
      formAction: tab === 'entries' ? base : `${base}/${tab}`,
      subNavigation: [
        {
          text: `Entries (${result.entries.length.toLocaleString('en-GB')})`,
          href: withQuery(base, viewExtra),
          active: tab === 'entries',
        },
        { text: `Gaps (${result.gaps.length})`, href: withQuery(`${base}/gaps`), active: tab === 'gaps' },
        ...(scope.agencyId
          ? []
          : [
              {
                text: `Proposed links (${undecided} to decide)`,
                href: withQuery(`${base}/links`),
                active: tab === 'links',
              },
            ]),
      ],
      totalEntries: result.entries.length,
      period: period === 'all' ? null : periods.find((p) => p.key === period),
      periodPagination: periodPagination(periods, period, (key) =>
        withQuery(base, { ...viewExtra, period: key, ...(query.select ? { select: query.select } : {}) }),
      ),
      periodPaginationEnd: periodPagination(
        periods,
        period,
        (key) => withQuery(base, { ...viewExtra, period: key, ...(query.select ? { select: query.select } : {}) }),
        'Periods of the chronology, after the entries',
      ),
      allPeriodsHref: withQuery(base, { ...viewExtra, period: 'all' }),
      firstPeriodHref: withQuery(base, viewExtra),
      periodCount: periods.length,
      review: scope.review,
      ownAgency: scope.agencyId ? result.agencyNames.get(scope.agencyId) : null,
      saved: SAVED[query.saved ?? ''] ?? null,
      errors: errorList([...errors, ...(options.errors ?? [])]),
      view: query.view === 'timeline' ? 'timeline' : 'table',
      values: query,
      queryString,
      gapDays: filter.gapDays,
      agencyItems: scope.agencyId
        ? []
        : [
            { value: '', text: 'All agencies' },
            ...scope.agencies.map((a) => ({ value: a.id, text: a.name, selected: query.agency === a.id })),
          ],
      shared: result.shared,
      sharing: sharing && {
        shared: sharing.shared,
        latest: sharing.events[0] && {
          action: sharing.events[0].action,
          by: sharing.events[0].actedByName,
          at: sharing.events[0].actedAt,
        },
      },
      personItems: result.people.length
        ? [
            { value: '', text: 'Everyone' },
            ...result.people.map((p) => ({
              value: p.id,
              text: p.label === p.role ? p.label : `${p.label} (${p.role})`,
              selected: query.person === p.id,
            })),
          ]
        : [],
      episodeItems: result.episodes.length
        ? [
            { value: '', text: 'All entries' },
            ...result.episodes.map((ep) => ({ value: ep.id, text: ep.name, selected: query.episode === ep.id })),
          ]
        : [],
      episodeCount: result.episodes.length,
      episodeValues: options.episodeValues ?? { name: '', notes: '', entryIds: [] },
      canMakeEpisodes: roleAllows(actor.role, 'report.write') && !scope.agencyId,
      // Checkboxes only when asked for (or when the form came back with errors): they double the page's size.
      selecting:
        roleAllows(actor.role, 'report.write') &&
        !scope.agencyId &&
        (query.select === 'episode' || options.episodeValues !== undefined),
      entries: pageEntries.map((e) => ({
        ...present(e),
        linkedPeople: (result.entryPeople.get(e.id) ?? []).map((p) => p.label).join('; '),
        linkedWith: (linkedWith.get(e.id) ?? []).map(label),
        proposed: allIds.has(e.id),
      })),
      gaps: result.gaps.map((g) => ({
        agency: g.agency ?? 'All agencies',
        from: formatLongDate(g.from),
        to: formatLongDate(g.to),
        days: g.days,
      })),
      linksPage,
      linksShown: {
        from: result.links.length ? firstLink + 1 : 0,
        to: Math.min(firstLink + LINKS_PER_PAGE, result.links.length),
        total: result.links.length,
      },
      linksPagination: numberedPagination(linksPage, linkPages, linksHref, 'Pages of proposed links'),
      linksPaginationEnd: numberedPagination(
        linksPage,
        linkPages,
        linksHref,
        'Pages of proposed links, after the links',
      ),
      links: orderedLinks(result.links)
        .slice(firstLink, firstLink + LINKS_PER_PAGE)
        .map((l) => ({
          ids: l.entryIds.join(','),
          status: l.status,
          score: Math.round(l.score * 100),
          reasons: l.reasons.join('. '),
          entries: l.entryIds
            .map((id) => byId.get(id))
            .filter((e) => e !== undefined)
            .map(present),
        })),
      canDecide: roleAllows(actor.role, 'report.write'),
      canSubmit: roleAllows(actor.role, 'chronology.submit'),
      canRequest: roleAllows(actor.role, 'review.manage'),
      drafts: drafts.map(present),
      draftAgencies,
    })
  }
}

/**
 * GOV.UK pagination between periods: previous and next with the period's name, and every period (the
 * chronology of a review has a few years, or a few dozen months), or null for one period.
 */
function periodPagination(
  periods: readonly Period[],
  current: string,
  href: (key: string) => string,
  landmarkLabel = 'Periods of the chronology',
) {
  if (periods.length <= 1) return null
  const index = periods.findIndex((p) => p.key === current)
  const prev = index > 0 ? periods[index - 1] : undefined
  const next = index >= 0 && index < periods.length - 1 ? periods[index + 1] : undefined
  return {
    landmarkLabel,
    previous: prev && { href: `${href(prev.key)}#entries`, labelText: prev.label },
    next: next && { href: `${href(next.key)}#entries`, labelText: next.label },
    items: periods.map((p) => ({
      number: p.label,
      href: `${href(p.key)}#entries`,
      current: p.key === current,
      visuallyHiddenText: `${p.label}, ${p.count} ${p.count === 1 ? 'entry' : 'entries'}`,
    })),
  }
}

/** GOV.UK pagination over numbered pages (the proposed links), or null for one page. */
function numberedPagination(current: number, pages: number, href: (n: number) => string, landmarkLabel: string) {
  if (pages <= 1) return null
  return {
    landmarkLabel,
    previous: current > 1 ? { href: `${href(current - 1)}#links` } : undefined,
    next: current < pages ? { href: `${href(current + 1)}#links` } : undefined,
    items: Array.from({ length: pages }, (_, i) => ({
      number: i + 1,
      href: `${href(i + 1)}#links`,
      current: i + 1 === current,
    })),
  }
}

/** The page function of {@link integratedPage}. */
export type IntegratedPage = ReturnType<typeof integratedPage>

/** Exports, link decisions and submitting drafts: forms and links on the integrated page. */
function registerIntegratedForms(app: FastifyInstance, chronology: ChronologyServices, show: IntegratedPage): void {
  for (const format of ['csv', 'xlsx', 'docx'] as const) {
    app.get<{ Params: { id: string }; Querystring: Query }>(
      `/reviews/:id/chronology.${format}`,
      { config: chronologyAccess('chronology.read') },
      async (request, reply) => {
        const { filter } = readFilter(request.query ?? {})
        const file = await chronology.exports.export(request.actor!, request.params.id, format, filter)
        return reply
          .header('Cache-Control', 'no-store')
          .header('Content-Disposition', `attachment; filename="${file.fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`)
          .type(file.contentType)
          .send(file.body)
      },
    )
  }

  app.post<{ Params: { id: string }; Querystring: Query }>(
    '/reviews/:id/chronology/links',
    { config: chronologyAccess('report.write') },
    async (request, reply) => {
      const decision = text(request.body, 'decision')
      const ids = text(request.body, 'entryIds', 200).split(',').filter(Boolean)
      try {
        if (decision !== 'confirmed' && decision !== 'split') {
          throw new ValidationError([{ field: 'link', message: 'Select confirm or split' }])
        }
        await chronology.integrated.decideLink(request.actor!, request.params.id, ids, decision)
      } catch (error) {
        const failure = formFailure(error)
        if (failure) return show(request, reply, { ...failure })
        throw error
      }
      // Back to the page of links the decision was made on.
      const page = Number(text(request.body, 'page', 6))
      const onPage = Number.isInteger(page) && page > 1 ? `&page=${page}` : ''
      return reply.redirect(`/reviews/${request.params.id}/chronology/links?saved=${decision}${onPage}`, 303)
    },
  )

  app.post<{ Params: { id: string }; Querystring: Query }>(
    '/reviews/:id/chronology/submit',
    { config: chronologyAccess('chronology.submit') },
    async (request, reply) => {
      try {
        await chronology.entries.submitDrafts(request.actor!, request.params.id, list(request.body, 'agencyId')[0])
      } catch (error) {
        const failure = formFailure(error)
        if (failure) return show(request, reply, { ...failure })
        throw error
      }
      return reply.redirect(`/reviews/${request.params.id}/chronology?saved=submitted`, 303)
    },
  )
}
