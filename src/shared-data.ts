import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const repositoryRoot = dirname(dirname(fileURLToPath(import.meta.url)))

/**
 * The folder of shared test and evaluation data (synthetic cases and public benchmarks), which lives
 * beside the project, never inside it: `CASE_REVIEW_DATA_DIR` when set (relative to the working
 * directory), else `../shared/data` relative to the project folder.
 *
 * Contract: returns an absolute path; throws an Error naming the folder it looked in when it does not exist.
 */
export function sharedDataDir(): string {
  const folder = resolve(process.env.CASE_REVIEW_DATA_DIR || join(repositoryRoot, '..', 'shared', 'data'))
  if (!existsSync(folder)) {
    throw new Error(`Shared data not found in ${folder}. Set CASE_REVIEW_DATA_DIR to the shared data folder.`)
  }
  return folder
}

/** A path inside the shared data folder, e.g. `sharedDataPath('demo-case', 'cast.json')`. */
export function sharedDataPath(...parts: string[]): string {
  return join(sharedDataDir(), ...parts)
}
