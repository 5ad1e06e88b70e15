/**
 * Loads the shipped entity tagger model (`models/entity-tagger.json` at the repository root). The
 * I/O side of `src/anonymisation/model/`, which is pure.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { EntityTagger } from '../../anonymisation/model/entity-tagger.ts'

/** Absolute path of the shipped model file. */
export const ENTITY_TAGGER_MODEL_PATH = fileURLToPath(new URL('../../../models/entity-tagger.json', import.meta.url))

let cached: EntityTagger | undefined

/**
 * Reads and parses the model file once and returns the tagger (later calls return the same
 * instance). Throws when the file is missing or is not a model (run `npm run train:anonymiser`).
 */
export function loadEntityTagger(path: string = ENTITY_TAGGER_MODEL_PATH): EntityTagger {
  if (path !== ENTITY_TAGGER_MODEL_PATH) return EntityTagger.fromJSON(JSON.parse(readFileSync(path, 'utf8')))
  cached ??= EntityTagger.fromJSON(JSON.parse(readFileSync(path, 'utf8')))
  return cached
}
