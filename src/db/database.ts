import { mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { Kysely, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import { createNodeSqliteDialect, openSqliteFile } from './node-sqlite-dialect.ts'
import type { Database } from './schema.ts'

export type DatabaseKind = 'sqlite' | 'postgres'

/** An open database: the Kysely instance, which backend it is, and how to close it. */
export interface DatabaseHandle {
  readonly db: Kysely<Database>
  readonly kind: DatabaseKind
  /** The PostgreSQL schema every connection uses, when not the default. */
  readonly schema?: string
  /** Closes every connection. Safe to call twice. */
  close(): Promise<void>
}

/**
 * Open the database named by a URL: `sqlite:<path>` (file created with its folder if missing),
 * `sqlite::memory:`, or `postgres://...` / `postgresql://...`.
 *
 * For PostgreSQL, `schema` (optional) sets the `search_path` of every connection; tests use it to
 * give each test file its own schema in the shared test database.
 * @throws Error if the URL is neither SQLite nor PostgreSQL.
 */
export function openDatabase(url: string, options: { schema?: string } = {}): DatabaseHandle {
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    // Parse bigint/numeric counts as numbers: every count here is far below 2^53.
    pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value))
    const pool = new pg.Pool({
      connectionString: url,
      max: 10,
      options: options.schema ? `-c search_path=${options.schema}` : undefined,
    })
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
    return closable(db, 'postgres', options.schema)
  }
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length)
    if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true })
    const db = new Kysely<Database>({ dialect: createNodeSqliteDialect(openSqliteFile(path)) })
    return closable(db, 'sqlite')
  }
  throw new Error(`DATABASE_URL must start with sqlite: or postgres:// (it starts with "${url.slice(0, 12)}")`)
}

function closable(db: Kysely<Database>, kind: DatabaseKind, schema?: string): DatabaseHandle {
  let closed = false
  return {
    db,
    kind,
    schema,
    async close() {
      if (closed) return
      closed = true
      await db.destroy()
    },
  }
}

/**
 * True when the database answers a trivial query within `timeoutMs`.
 * Contract: never throws.
 */
export async function databaseAnswers(db: Kysely<Database>, timeoutMs = 2000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined
  try {
    const timeout = new Promise<false>((resolveTimeout) => {
      timer = setTimeout(() => resolveTimeout(false), timeoutMs)
    })
    const query = sql`select 1 as ok`.execute(db).then(() => true)
    return await Promise.race([query, timeout])
  } catch {
    return false
  } finally {
    clearTimeout(timer)
  }
}
