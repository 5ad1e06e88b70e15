/**
 * The human-readable API page (`GET /api`) is drawn from the same OpenAPI document machines read
 * (`GET /api/openapi.json`), so the two cannot drift apart. This module turns that document into
 * what the page shows: each endpoint with its parameters, answers and examples.
 */

/** One parameter of an endpoint, in words. */
export interface ApiParameterView {
  readonly name: string
  /** "query" or "path". */
  readonly location: string
  readonly required: boolean
  /** "text", "whole number", "list of text" and so on. */
  readonly type: string
  /** The values allowed, when the API has a fixed list; otherwise empty. */
  readonly values: readonly string[]
  readonly defaultValue: string | null
  readonly description: string | null
}

/** One answer an endpoint can give. */
export interface ApiResponseView {
  readonly status: string
  readonly description: string
  readonly contentType: string | null
  /** The example answer, pretty-printed JSON, or null. */
  readonly example: string | null
}

/** One endpoint of the API. */
export interface ApiEndpointView {
  readonly id: string
  readonly method: string
  readonly path: string
  readonly summary: string
  readonly description: string | null
  readonly parameters: readonly ApiParameterView[]
  readonly responses: readonly ApiResponseView[]
  /** A request to try (a link the page shows), or null. */
  readonly exampleRequest: string | null
  /** True for the JSON API (counted by the rate limit); false for the catalogue and feed. */
  readonly rateLimited: boolean
}

type Json = Record<string, unknown>

const asObject = (value: unknown): Json => (value && typeof value === 'object' ? (value as Json) : {})
const asString = (value: unknown): string | null => (typeof value === 'string' ? value : null)

function typeInWords(schema: Json): string {
  const type = asString(schema.type)
  if (type === 'array') return `list of ${typeInWords(asObject(schema.items))}`
  if (type === 'integer') return 'whole number'
  if (type === 'number') return 'number'
  if (type === 'boolean') return 'true or false'
  if (asString(schema.format) === 'uuid') return 'id'
  return 'text'
}

function allowedValues(schema: Json): string[] {
  const list = schema.enum ?? asObject(schema.items).enum
  return Array.isArray(list) ? list.map(String) : []
}

function parameterView(parameter: Json): ApiParameterView {
  const schema = asObject(parameter.schema)
  const bounds = [
    schema.minimum !== undefined ? `at least ${String(schema.minimum)}` : null,
    schema.maximum !== undefined ? `at most ${String(schema.maximum)}` : null,
  ].filter(Boolean)
  const description = [asString(parameter.description), bounds.length ? `${bounds.join(', ')}.` : null]
    .filter(Boolean)
    .join(' ')
  return {
    name: String(parameter.name),
    location: String(parameter.in),
    required: parameter.required === true,
    type: typeInWords(schema),
    values: allowedValues(schema),
    defaultValue: schema.default === undefined ? null : String(schema.default),
    description: description || null,
  }
}

function responseView(status: string, response: Json): ApiResponseView {
  const content = asObject(response.content)
  const contentType = Object.keys(content)[0] ?? null
  const example = contentType ? asObject(content[contentType]).example : undefined
  return {
    status,
    description: asString(response.description) ?? '',
    contentType,
    example: example === undefined ? null : JSON.stringify(example, null, 2),
  }
}

/**
 * The endpoints of an OpenAPI 3 document, in the document's order, for the API page.
 * `exampleRequests` replaces an operation's `x-example-request` by operation id (for example a
 * real review's id in place of the invented one). Never throws for a document of the shape
 * `openApiDocument` builds; unknown parts are left out.
 */
export function apiEndpoints(
  document: Record<string, unknown>,
  exampleRequests: Readonly<Record<string, string>> = {},
): ApiEndpointView[] {
  const endpoints: ApiEndpointView[] = []
  for (const [path, item] of Object.entries(asObject(document.paths))) {
    for (const [method, operationValue] of Object.entries(asObject(item))) {
      const operation = asObject(operationValue)
      const operationId = asString(operation.operationId)
      endpoints.push({
        id: (operationId ?? `${method}-${path}`).replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, ''),
        method: method.toUpperCase(),
        path,
        summary: asString(operation.summary) ?? path,
        description: asString(operation.description),
        parameters: (Array.isArray(operation.parameters) ? operation.parameters : []).map((p) =>
          parameterView(asObject(p)),
        ),
        responses: Object.entries(asObject(operation.responses)).map(([status, r]) =>
          responseView(status, asObject(r)),
        ),
        exampleRequest:
          (operationId ? exampleRequests[operationId] : undefined) ?? asString(operation['x-example-request']),
        rateLimited: path.startsWith('/api/'),
      })
    }
  }
  return endpoints
}
