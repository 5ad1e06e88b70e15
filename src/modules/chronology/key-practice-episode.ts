/**
 * Key practice episodes as the pages and the report writer see them: named groups of submitted entries with
 * the reviewer's analysis notes. Pure: no database, no access checks.
 */
import type { ChronologyEntry } from './chronology.ts'
import type { StoredEpisode } from './chronology-episode.repository.ts'

/** A key practice episode with its entries (ids, chronology order) and the reviewer's analysis notes. */
export interface KeyPracticeEpisode {
  id: string
  name: string
  entryIds: string[]
  notes: string
  /** Optimistic version: send it back with a change. */
  version: number
  updatedAt: string
}

/**
 * Episodes with their entry ids in chronology order (`ordered`: the review's submitted entries, earliest
 * first); an entry not in `ordered` is left out.
 */
export function orderedEpisodes(
  stored: readonly StoredEpisode[],
  ordered: readonly ChronologyEntry[],
): KeyPracticeEpisode[] {
  const position = new Map(ordered.map((e, i) => [e.id, i]))
  return stored.map((e) => ({
    id: e.id,
    name: e.name,
    notes: e.notes,
    version: e.version,
    updatedAt: e.updatedAt,
    entryIds: e.entryIds.filter((id) => position.has(id)).sort((a, b) => position.get(a)! - position.get(b)!),
  }))
}
