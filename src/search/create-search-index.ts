import type { DatabaseHandle } from '../db/database.ts'
import { PostgresSearchIndex } from './postgres.search-index.ts'
import { SqliteFts5SearchIndex } from './sqlite-fts5.search-index.ts'
import type { SearchIndex } from './search-index.ts'

export * from './search-index.ts'
export { parseQuery, type ParsedQuery, type QueryItem } from './search-query.ts'
export { SqliteFts5SearchIndex } from './sqlite-fts5.search-index.ts'
export { PostgresSearchIndex } from './postgres.search-index.ts'

/**
 * The search index for an open database (migrated to 2026_11_25_2310 or later): FTS5 on SQLite,
 * full text on PostgreSQL. Never throws.
 */
export function createSearchIndex(handle: Pick<DatabaseHandle, 'db' | 'kind'>): SearchIndex {
  return handle.kind === 'postgres' ? new PostgresSearchIndex(handle.db) : new SqliteFts5SearchIndex(handle.db)
}
