import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import fastifyView from '@fastify/view'
import type { FastifyInstance } from 'fastify'
import nunjucks from 'nunjucks'

const require = createRequire(import.meta.url)
const webRoot = dirname(dirname(fileURLToPath(import.meta.url)))

/** Folder of govuk-frontend's `dist` (templates and assets). */
export const govukFrontendDist = join(dirname(require.resolve('govuk-frontend/package.json')), 'dist')
/** Folder of @ministryofjustice/frontend (templates under `moj/`). */
export const mojFrontendRoot = dirname(require.resolve('@ministryofjustice/frontend/package.json'))

/**
 * Nunjucks through @fastify/view: pages are found relative to `src/web` (so a page's view lives in
 * its own folder: `routes/auth/sign-in/view.njk`), plus `src/web/views`, govuk-frontend and MoJ
 * frontend. Autoescaping is on: case text is always shown as text.
 */
export async function registerViews(app: FastifyInstance): Promise<void> {
  await app.register(fastifyView, {
    engine: { nunjucks },
    templates: [webRoot, join(webRoot, 'views'), govukFrontendDist, mojFrontendRoot],
    options: {
      autoescape: true,
      throwOnUndefined: false,
      trimBlocks: true,
      lstripBlocks: true,
      onConfigure: (env: nunjucks.Environment) => configureNunjucks(env),
    },
  })
}

function configureNunjucks(env: nunjucks.Environment): void {
  // MoJ frontend's filters (mojDate for the timeline, …), as its documentation asks.
  const mojFilters = require('@ministryofjustice/frontend/moj/filters/all')() as Record<
    string,
    (...args: unknown[]) => unknown
  >
  for (const [name, filter] of Object.entries(mojFilters)) env.addFilter(name, filter)
  const dateTime = new Intl.DateTimeFormat('en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/London',
  })
  const date = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'Europe/London' })
  /** `2026-11-25T22:14:30Z` → "25 November 2026 at 22:14" (UK time). */
  env.addFilter('dateTime', (iso: string | null | undefined) => (iso ? dateTime.format(new Date(iso)) : ''))
  /** `2026-11-25` or a timestamp → "25 November 2026". */
  env.addFilter('longDate', (iso: string | null | undefined) => (iso ? date.format(new Date(iso)) : ''))
  /** A form value that may be one string or several (checkboxes) as a list. */
  env.addFilter('asList', (value: unknown) =>
    Array.isArray(value) ? value : value === undefined || value === '' ? [] : [value],
  )
  /** Map field errors to `{ text }` for one field's `errorMessage`, or false. */
  env.addFilter('errorFor', (errors: Array<{ field: string; text: string }> | undefined, field: string) => {
    const found = errors?.find((e) => e.field === field)
    return found ? { text: found.text } : false
  })
}
