import { API_REQUESTS_PER_MINUTE } from './api-rate-limit.ts'
import { AGE_BANDS, REVIEW_TYPES, THEMES } from '../../../../modules/repository/published-review.ts'

/** The OpenAPI 3 description of the public JSON API (`docs/api.md` explains it in prose). */
export function openApiDocument(serverUrl: string): Record<string, unknown> {
  const filterParameters = [
    {
      name: 'q',
      in: 'query',
      description: 'Words, "phrases", OR, and -exclusions. At most 500 characters are used.',
      schema: { type: 'string' },
    },
    {
      name: 'sort',
      in: 'query',
      schema: { type: 'string', enum: ['relevance', 'date'] },
      description: 'Default: relevance with words, date without.',
    },
    { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1, default: 1 } },
    { name: 'pageSize', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } },
    { name: 'year', in: 'query', schema: { type: 'integer' } },
    { name: 'region', in: 'query', schema: { type: 'string' } },
    { name: 'partnership', in: 'query', schema: { type: 'string' } },
    { name: 'reviewType', in: 'query', schema: { type: 'string', enum: [...REVIEW_TYPES] } },
    { name: 'natureOfIncident', in: 'query', schema: { type: 'string', enum: ['death', 'serious_harm'] } },
    { name: 'childAgeBand', in: 'query', schema: { type: 'string', enum: [...AGE_BANDS] } },
    { name: 'sex', in: 'query', schema: { type: 'string', enum: ['female', 'male', 'not_stated'] } },
    { name: 'ethnicGroup', in: 'query', schema: { type: 'string' } },
    { name: 'reviewModel', in: 'query', schema: { type: 'string' } },
    {
      name: 'themes',
      in: 'query',
      description: 'Repeat for several themes; every one must hold.',
      schema: { type: 'array', items: { type: 'string', enum: [...THEMES] } },
      style: 'form',
      explode: true,
    },
    {
      name: 'agencies',
      in: 'query',
      description: 'Repeat for several agencies; every one must hold.',
      schema: { type: 'array', items: { type: 'string' } },
      style: 'form',
      explode: true,
    },
  ]
  const nullableString = { type: 'string', nullable: true }
  // Every /api/* answer counts against the caller's address (API_REQUESTS_PER_MINUTE).
  const tooManyRequests = {
    description: `Too many requests from this address: at most ${API_REQUESTS_PER_MINUTE} a minute to /api/*. Wait the seconds in Retry-After.`,
    headers: {
      'Retry-After': { description: 'Seconds to wait before trying again', schema: { type: 'integer', minimum: 1 } },
    },
    content: { 'application/json': { schema: { $ref: '#/components/schemas/RateLimited' } } },
  }
  const rateLimitHeaders = {
    'RateLimit-Limit': { description: 'Requests allowed a minute from one address', schema: { type: 'integer' } },
    'RateLimit-Remaining': { description: 'Requests left in the current minute', schema: { type: 'integer' } },
  }
  return {
    openapi: '3.0.3',
    info: {
      title: 'Case Review: published reviews API',
      version: '1.0.0',
      description:
        'Search and read anonymised, published child safeguarding practice reviews. Open to anyone, no key needed. See docs/api.md.',
    },
    servers: [{ url: serverUrl }],
    paths: {
      '/api/reviews': {
        get: {
          summary: 'Search published reviews',
          operationId: 'searchReviews',
          parameters: filterParameters,
          responses: {
            '200': {
              description: 'A page of results with facet counts',
              headers: rateLimitHeaders,
              content: { 'application/json': { schema: { $ref: '#/components/schemas/SearchResponse' } } },
            },
            '429': tooManyRequests,
          },
        },
      },
      '/api/reviews/{id}': {
        get: {
          summary: 'A published review',
          operationId: 'getReview',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
          responses: {
            '200': {
              description: 'The review',
              headers: rateLimitHeaders,
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Review' } } },
            },
            '404': {
              description: 'No published review has that id',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
            },
            '429': tooManyRequests,
          },
        },
      },
      '/repository/catalogue.json': {
        get: {
          summary: 'Every published review’s metadata',
          responses: { '200': { description: 'The catalogue', content: { 'application/json': {} } } },
        },
      },
      '/repository/catalogue.csv': {
        get: {
          summary: 'The catalogue as CSV',
          responses: { '200': { description: 'CSV, UTF-8 with BOM', content: { 'text/csv': {} } } },
        },
      },
      '/repository/feed.atom': {
        get: {
          summary: 'Atom feed of the 50 most recently published reviews',
          responses: { '200': { description: 'Atom 1.0', content: { 'application/atom+xml': {} } } },
        },
      },
    },
    components: {
      schemas: {
        Error: {
          type: 'object',
          required: ['error', 'message'],
          properties: { error: { type: 'string' }, message: { type: 'string' } },
        },
        RateLimited: {
          type: 'object',
          required: ['error', 'message', 'retryAfterSeconds'],
          properties: {
            error: { type: 'string', enum: ['rate_limited'] },
            message: { type: 'string' },
            retryAfterSeconds: { type: 'integer', minimum: 1 },
          },
        },
        SearchResult: {
          type: 'object',
          required: ['id', 'url', 'apiUrl', 'title', 'year', 'area', 'publishedAt', 'snippet', 'highlights'],
          properties: {
            id: { type: 'string', format: 'uuid' },
            url: { type: 'string', format: 'uri' },
            apiUrl: { type: 'string', format: 'uri' },
            title: { type: 'string' },
            year: { type: 'integer', nullable: true },
            area: { type: 'string' },
            reviewType: nullableString,
            publishedAt: { type: 'string', format: 'date-time' },
            snippet: { type: 'string', description: 'Plain text' },
            highlights: {
              type: 'array',
              description: 'The snippet as runs of text; highlighted runs are matched words',
              items: {
                type: 'object',
                properties: { text: { type: 'string' }, highlighted: { type: 'boolean' } },
              },
            },
          },
        },
        SearchResponse: {
          type: 'object',
          required: ['total', 'page', 'pageSize', 'totalPages', 'sort', 'results', 'facets'],
          properties: {
            query: { type: 'string' },
            filters: { type: 'object' },
            total: { type: 'integer' },
            page: { type: 'integer' },
            pageSize: { type: 'integer' },
            totalPages: { type: 'integer' },
            sort: { type: 'string', enum: ['relevance', 'date'] },
            results: { type: 'array', items: { $ref: '#/components/schemas/SearchResult' } },
            facets: {
              type: 'object',
              description: 'For each facet, the values and their counts combined with the query and filters',
              additionalProperties: {
                type: 'array',
                items: { type: 'object', properties: { value: { type: 'string' }, count: { type: 'integer' } } },
              },
            },
          },
        },
        Review: {
          type: 'object',
          required: [
            'id',
            'url',
            'title',
            'year',
            'area',
            'reviewType',
            'themes',
            'summary',
            'recommendations',
            'documents',
            'publishedAt',
          ],
          properties: {
            id: { type: 'string', format: 'uuid' },
            url: { type: 'string', format: 'uri' },
            title: { type: 'string' },
            pseudonym: { type: 'string' },
            year: { type: 'integer' },
            area: { type: 'string' },
            partnership: nullableString,
            region: nullableString,
            reviewType: { type: 'string', enum: [...REVIEW_TYPES] },
            natureOfIncident: nullableString,
            childAgeBand: nullableString,
            sex: nullableString,
            ethnicGroup: nullableString,
            reviewModel: nullableString,
            themes: { type: 'array', items: { type: 'string', enum: [...THEMES] } },
            agencies: { type: 'array', items: { type: 'string' } },
            keywords: { type: 'array', items: { type: 'string' } },
            summary: { type: 'string' },
            recommendations: {
              type: 'array',
              items: { type: 'object', properties: { position: { type: 'integer' }, text: { type: 'string' } } },
            },
            documents: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  id: { type: 'string', format: 'uuid' },
                  title: { type: 'string' },
                  format: { type: 'string', enum: ['html', 'pdf', 'docx'] },
                  contentType: { type: 'string' },
                  byteSize: { type: 'integer' },
                  url: { type: 'string', format: 'uri' },
                },
              },
            },
            publishedAt: { type: 'string', format: 'date-time' },
          },
        },
      },
    },
  }
}
