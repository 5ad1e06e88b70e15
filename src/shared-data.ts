import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const repositoryRoot = dirname(dirname(fileURLToPath(import.meta.url)))

/**
 * The folder of shared test and evaluation data (synthetic cases and public benchmarks), which lives
 * beside the repository, never inside it: `CASE_REVIEW_DATA_DIR` when set, else `../shared/data`
 * beside this checkout, else `/work/shared/data` (where a clean clone made elsewhere finds it).
 *
 * Contract: returns an absolute path; throws an Error naming the places it looked when none exists.
 */
export function sharedDataDir(): string {
  const candidates = [
    process.env.CASE_REVIEW_DATA_DIR,
    join(repositoryRoot, '..', 'shared', 'data'),
    '/work/shared/data',
  ].filter((c): c is string => !!c)
  const found = candidates.find((candidate) => existsSync(candidate))
  if (!found) throw new Error(`Shared data not found; looked in ${candidates.join(', ')}. Set CASE_REVIEW_DATA_DIR.`)
  return resolve(found)
}

/** A path inside the shared data folder, e.g. `sharedDataPath('demo-case', 'cast.json')`. */
export function sharedDataPath(...parts: string[]): string {
  return join(sharedDataDir(), ...parts)
}
