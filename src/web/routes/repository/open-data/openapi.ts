import { API_REQUESTS_PER_MINUTE } from './api-rate-limit.ts'
import {
  AGE_BANDS,
  ETHNIC_GROUPS,
  REVIEW_TYPES,
  THEMES,
} from '../../../../modules/published-reviews/published-review.ts'

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
    { name: 'page', in: 'query', description: 'Page of results.', schema: { type: 'integer', minimum: 1, default: 1 } },
    {
      name: 'pageSize',
      in: 'query',
      description: 'Results per page.',
      schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
    },
    { name: 'year', in: 'query', description: 'Year of the review, for example 2023.', schema: { type: 'integer' } },
    {
      name: 'region',
      in: 'query',
      description: 'Region of England, for example North West, as in the region facet.',
      schema: { type: 'string' },
    },
    {
      name: 'partnership',
      in: 'query',
      description: 'Safeguarding partnership that published the review, as in the partnership facet.',
      schema: { type: 'string' },
    },
    {
      name: 'reviewType',
      in: 'query',
      description: 'Type of review.',
      schema: { type: 'string', enum: [...REVIEW_TYPES] },
    },
    {
      name: 'natureOfIncident',
      in: 'query',
      description: 'Whether the child died or was seriously harmed.',
      schema: { type: 'string', enum: ['death', 'serious_harm'] },
    },
    {
      name: 'childAgeBand',
      in: 'query',
      description: 'Age of the child.',
      schema: { type: 'string', enum: [...AGE_BANDS] },
    },
    {
      name: 'sex',
      in: 'query',
      description: 'Sex of the child.',
      schema: { type: 'string', enum: ['female', 'male', 'not_stated'] },
    },
    {
      name: 'ethnicGroup',
      in: 'query',
      description: 'Broad ethnic group of the child.',
      schema: { type: 'string', enum: [...ETHNIC_GROUPS] },
    },
    {
      name: 'reviewModel',
      in: 'query',
      description: 'Review model, for example SCIE Learning Together (systems model), as in the facet.',
      schema: { type: 'string' },
    },
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
    content: {
      'application/json': {
        schema: { $ref: '#/components/schemas/RateLimited' },
        example: {
          error: 'rate_limited',
          message: `Too many requests from your address: the API allows ${API_REQUESTS_PER_MINUTE} a minute. Try again in 42 seconds.`,
          retryAfterSeconds: 42,
        },
      },
    },
  }
  // Examples shown on the API page (/api) and to OpenAPI tools; invented, in the shape the API answers.
  const exampleId = '3f6c2a1e-9b7d-4c5e-8a1f-2d4b6c8e0a12'
  const searchExample = {
    query: 'neglect',
    filters: { themes: ['information_sharing'] },
    total: 13,
    page: 1,
    pageSize: 20,
    totalPages: 1,
    sort: 'relevance',
    results: [
      {
        id: exampleId,
        url: `${serverUrl}/repository/reviews/${exampleId}`,
        apiUrl: `${serverUrl}/api/reviews/${exampleId}`,
        title: '2024 – Brindlemoor – Child F',
        year: 2024,
        area: 'Brindlemoor',
        reviewType: 'lcspr',
        publishedAt: '2025-03-14T10:00:00.000Z',
        snippet: '… the child was neglected at home …',
        highlights: [
          { text: '… the child was ', highlighted: false },
          { text: 'neglected', highlighted: true },
          { text: ' at home …', highlighted: false },
        ],
      },
    ],
    facets: { year: [{ value: '2024', count: 3 }], themes: [{ value: 'neglect', count: 13 }] },
  }
  const reviewExample = {
    id: exampleId,
    url: `${serverUrl}/repository/reviews/${exampleId}`,
    title: '2024 – Brindlemoor – Child F',
    pseudonym: 'Child F',
    year: 2024,
    area: 'Brindlemoor',
    partnership: 'Brindlemoor Safeguarding Children Partnership',
    region: 'North East',
    reviewType: 'lcspr',
    natureOfIncident: 'serious_harm',
    childAgeBand: '1_4',
    sex: 'female',
    ethnicGroup: 'white',
    reviewModel: 'SCIE Learning Together (systems model)',
    themes: ['neglect', 'information_sharing'],
    agencies: ['Health visiting', 'School'],
    keywords: ['chronic neglect'],
    summary: 'A three-year-old girl was found living in a home without heating or food …',
    recommendations: [
      { position: 1, text: 'Practitioners should use the graded care profile when they are worried about neglect …' },
    ],
    documents: [
      {
        id: '7a1b3c5d-2e4f-4a6b-8c0d-1e2f3a4b5c6d',
        title: 'Executive summary',
        format: 'html',
        contentType: 'text/html',
        byteSize: 2048,
        url: `${serverUrl}/repository/reviews/${exampleId}/documents/7a1b3c5d-2e4f-4a6b-8c0d-1e2f3a4b5c6d`,
      },
    ],
    publishedAt: '2025-03-14T10:00:00.000Z',
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
        'Search and read anonymised, published child safeguarding practice reviews. Open to anyone, no key needed. Described for people at /api and in docs/api.md.',
    },
    servers: [{ url: serverUrl }],
    paths: {
      '/api/reviews': {
        get: {
          summary: 'Search published reviews',
          description:
            'The same search as the page at /repository, as JSON: a page of results, newest first without words, with the facet counts. Every parameter is optional.',
          operationId: 'searchReviews',
          parameters: filterParameters,
          'x-example-request': '/api/reviews?q=neglect&themes=information_sharing',
          responses: {
            '200': {
              description: 'A page of results with facet counts',
              headers: rateLimitHeaders,
              content: {
                'application/json': { schema: { $ref: '#/components/schemas/SearchResponse' }, example: searchExample },
              },
            },
            '429': tooManyRequests,
          },
        },
      },
      '/api/reviews/{id}': {
        get: {
          summary: 'A published review',
          description:
            'One review: its metadata, summary, themes, keywords, recommendations and documents. A document’s url gives its web page, or the PDF or DOCX file.',
          operationId: 'getReview',
          parameters: [
            {
              name: 'id',
              in: 'path',
              required: true,
              description: 'The review’s id, as in the search results',
              schema: { type: 'string', format: 'uuid' },
            },
          ],
          'x-example-request': `/api/reviews/${exampleId}`,
          responses: {
            '200': {
              description: 'The review',
              headers: rateLimitHeaders,
              content: {
                'application/json': { schema: { $ref: '#/components/schemas/Review' }, example: reviewExample },
              },
            },
            '404': {
              description: 'No published review has that id',
              content: {
                'application/json': {
                  schema: { $ref: '#/components/schemas/Error' },
                  example: { error: 'not_found', message: 'No published review has that id' },
                },
              },
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
