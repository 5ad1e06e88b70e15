import assert from 'node:assert/strict'
import { resolve } from 'node:path'
import { test } from 'node:test'
import { ESLint } from 'eslint'

const ROOT = resolve(import.meta.dirname, '..')
const eslint = new ESLint({ cwd: ROOT })

/** The restricted-import messages ESLint gives a file with this text at this path (the file need not exist). */
async function refusals(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(ROOT, filePath) })
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message)
}

test('routes import no repository, and a module reaches another only through its public files', async () => {
  const route = 'src/web/routes/chronology/probe/routes.ts'
  assert.match(
    (
      await refusals(
        route,
        "import type { R } from '../../../../modules/reviews/review.repository.ts'\nexport type X = R\n",
      )
    )[0],
    /Routes import no repository/,
  )
  assert.deepEqual(
    await refusals(
      route,
      "import type { R } from '../../../../modules/reviews/review.service.ts'\nexport type X = R\n",
    ),
    [],
    'a service is what routes use',
  )

  const module = 'src/modules/chronology/probe.ts'
  for (const path of ['../reviews/review.repository.ts', '../publication/publication.tables.ts']) {
    const found = await refusals(module, `import type { R } from '${path}'\nexport type X = R\n`)
    assert.match(found[0] ?? '', /only through its public files/, path)
  }
  for (const path of ['../reviews/review.service.ts', '../reviews/review.ts', './chronology-entry.repository.ts']) {
    assert.deepEqual(await refusals(module, `import type { R } from '${path}'\nexport type X = R\n`), [], path)
  }
  const nested = 'src/modules/published-reviews/ingest/probe.ts'
  assert.equal((await refusals(nested, "import type { R } from '../../reviews/review.repository.ts'\n")).length, 1)
  assert.deepEqual(await refusals(nested, "import type { R } from '../published-review.repository.ts'\n"), [])
})

test('an exception in the config permits only the import it names', async () => {
  const file = 'src/modules/users/user.service.ts'
  assert.deepEqual(await refusals(file, "import { SessionRepository } from '../auth/session.repository.ts'\n"), [])
  assert.equal((await refusals(file, "import { ReviewRepository } from '../reviews/review.repository.ts'\n")).length, 1)
})
