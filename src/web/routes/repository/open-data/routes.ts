import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Services } from '../../../../composition.ts'
import type { PublishedReview } from '../../../../modules/published-reviews/published-review.ts'
import { NotFoundError } from '../../../../modules/errors.ts'
import { isReviewId, publicAccess, readSearchState, snippetText } from '../common.ts'
import { apiEndpoints } from './api-page.ts'
import { API_REQUESTS_PER_MINUTE, apiRateLimitHook } from './api-rate-limit.ts'
import { openApiDocument } from './openapi.ts'

/** Entries in the Atom feed: the newest published reviews. */
const FEED_ENTRIES = 50

/** Escape text for XML element content and attribute values; drops characters XML 1.0 forbids. */
export function xmlEscape(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
}

/** The site's origin as the client sees it (for absolute links in feeds and JSON). */
function origin(request: FastifyRequest): string {
  const host = /^[A-Za-z0-9.:[\]-]+$/.test(request.host) ? request.host : 'localhost'
  return `${request.protocol}://${host}`
}

/** A review's public JSON record (metadata, recommendations, document links). */
function reviewRecord(review: PublishedReview, base: string) {
  return {
    id: review.id,
    url: `${base}/repository/reviews/${review.id}`,
    title: review.title,
    pseudonym: review.pseudonym,
    year: review.year,
    area: review.area,
    partnership: review.partnership,
    region: review.region,
    reviewType: review.reviewType,
    natureOfIncident: review.natureOfIncident,
    childAgeBand: review.childAgeBand,
    sex: review.sex,
    ethnicGroup: review.ethnicGroup,
    reviewModel: review.reviewModel,
    themes: review.themes,
    agencies: review.agencies,
    keywords: review.keywords,
    summary: review.summary,
    recommendations: review.recommendations.map((r) => ({ position: r.position, text: r.text })),
    documents: review.documents.map((d) => ({
      id: d.id,
      title: d.title,
      format: d.format,
      contentType: d.contentType,
      byteSize: d.byteSize,
      url: `${base}/repository/reviews/${review.id}/documents/${d.id}`,
    })),
    publishedAt: review.publishedAt,
  }
}

/** Open data: the catalogue (CSV, JSON), the Atom feed, the JSON API and its OpenAPI document. */
export function openDataRoutes(app: FastifyInstance, services: Services): void {
  // One counter per address for every /api/* route (see apiRateLimitHook).
  const api = { config: publicAccess, onRequest: apiRateLimitHook(app) }

  app.get('/repository/catalogue.csv', { config: publicAccess }, async (_request, reply) => {
    return reply
      .header('Content-Type', 'text/csv; charset=utf-8')
      .header('Content-Disposition', 'attachment; filename="published-reviews.csv"')
      .send(await services.publishedReviews.catalogueCsv())
  })

  app.get('/repository/catalogue.json', { config: publicAccess }, async (request, reply) => {
    const base = origin(request)
    const reviews = await services.publishedReviews.catalogue()
    return reply.header('Content-Type', 'application/json; charset=utf-8').send({
      count: reviews.length,
      reviews: reviews.map((r) => {
        const { recommendations: _r, documents: _d, ...record } = reviewRecord(r, base)
        return record
      }),
    })
  })

  app.get('/repository/feed.atom', { config: publicAccess }, async (request, reply) => {
    const base = origin(request)
    const reviews = (await services.publishedReviews.catalogue())
      .sort((a, b) => b.publishedAt.localeCompare(a.publishedAt))
      .slice(0, FEED_ENTRIES)
    const updated = reviews[0]?.publishedAt ?? new Date(0).toISOString()
    const entries = reviews.map(
      (r) => `  <entry>
    <id>urn:uuid:${xmlEscape(r.id)}</id>
    <title>${xmlEscape(r.title)}</title>
    <link rel="alternate" type="text/html" href="${xmlEscape(`${base}/repository/reviews/${r.id}`)}"/>
    <updated>${xmlEscape(r.publishedAt)}</updated>
    <published>${xmlEscape(r.publishedAt)}</published>
    <summary type="text">${xmlEscape(r.summary)}</summary>
  </entry>`,
    )
    const xml = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${xmlEscape(`${base}/repository/feed.atom`)}</id>
  <title>Case Review: newly published safeguarding practice reviews</title>
  <link rel="self" type="application/atom+xml" href="${xmlEscape(`${base}/repository/feed.atom`)}"/>
  <link rel="alternate" type="text/html" href="${xmlEscape(`${base}/repository`)}"/>
  <author><name>Case Review</name></author>
  <updated>${xmlEscape(updated)}</updated>
${entries.join('\n')}
</feed>
`
    return reply.header('Content-Type', 'application/atom+xml; charset=utf-8').send(xml)
  })

  app.get('/api/reviews', api, async (request, reply) => {
    const state = readSearchState(request.query)
    const raw = request.query as Record<string, unknown>
    const size = Number.parseInt(typeof raw.pageSize === 'string' ? raw.pageSize : '20', 10)
    const response = await services.publishedReviews.search(state.q, {
      filters: state.filters,
      sort: state.sort ?? undefined,
      page: state.page,
      pageSize: Number.isInteger(size) ? Math.max(1, Math.min(100, size)) : 20,
    })
    const base = origin(request)
    return reply.header('Content-Type', 'application/json; charset=utf-8').send({
      query: state.q,
      filters: state.filters,
      total: response.total,
      page: response.page,
      pageSize: response.pageSize,
      totalPages: response.totalPages,
      sort: response.sort,
      results: response.results.map((r) => ({
        id: r.id,
        url: `${base}/repository/reviews/${r.id}`,
        apiUrl: `${base}/api/reviews/${r.id}`,
        title: r.title,
        year: r.year,
        area: r.area,
        reviewType: r.reviewType,
        publishedAt: r.publishedAt,
        snippet: snippetText(r.snippet),
        highlights: r.snippet,
      })),
      facets: response.facets,
    })
  })

  app.get<{ Params: { id: string } }>('/api/reviews/:id', api, async (request, reply) => {
    const { id } = request.params
    const review = isReviewId(id)
      ? await services.publishedReviews.get(id).catch((error: unknown) => {
          if (error instanceof NotFoundError) return null
          throw error
        })
      : null
    if (!review) {
      return reply
        .code(404)
        .header('Content-Type', 'application/json; charset=utf-8')
        .send({ error: 'not_found', message: 'No published review has that id' })
    }
    return reply.header('Content-Type', 'application/json; charset=utf-8').send(reviewRecord(review, origin(request)))
  })

  // The API for people: drawn from the OpenAPI document, with a real review to try when there is one.
  app.get('/api', { config: publicAccess }, async (request, reply) => {
    const latest = (await services.publishedReviews.search('', { sort: 'date', pageSize: 1 })).results[0]
    return reply.page('routes/repository/open-data/api.njk', {
      pageTitle: 'Published reviews API',
      endpoints: apiEndpoints(
        openApiDocument(origin(request)),
        latest ? { getReview: `/api/reviews/${latest.id}` } : {},
      ),
      requestsPerMinute: API_REQUESTS_PER_MINUTE,
    })
  })

  app.get('/api/openapi.json', api, async (request, reply) => {
    return reply.header('Content-Type', 'application/json; charset=utf-8').send(openApiDocument(origin(request)))
  })
}
