import { DatabaseSync, type SQLInputValue } from 'node:sqlite'
import { SqliteDialect, type SqliteDatabase, type SqliteStatement } from 'kysely'

/**
 * Adapts the built-in `node:sqlite` `DatabaseSync` to the better-sqlite3-shaped interface that
 * Kysely's `SqliteDialect` drives, so no native addon has to be compiled.
 *
 * Contract: booleans are bound as 0/1 and `undefined` as NULL (node:sqlite refuses both);
 * a statement is a "reader" when it returns columns (SELECT, or anything with RETURNING).
 */
export function createNodeSqliteDialect(database: DatabaseSync): SqliteDialect {
  return new SqliteDialect({ database: wrapDatabase(database) })
}

function wrapDatabase(database: DatabaseSync): SqliteDatabase {
  return {
    close: () => database.close(),
    prepare(sql: string): SqliteStatement {
      const statement = database.prepare(sql)
      return {
        reader: statement.columns().length > 0,
        all: (parameters) => statement.all(...bind(parameters)),
        run: (parameters) => statement.run(...bind(parameters)),
        iterate: (parameters) => statement.iterate(...bind(parameters)),
      }
    },
  }
}

function bind(parameters: ReadonlyArray<unknown>): SQLInputValue[] {
  return parameters.map((value) => {
    if (value === undefined) return null
    if (typeof value === 'boolean') return value ? 1 : 0
    if (value instanceof Date) return value.toISOString()
    return value as SQLInputValue
  })
}

/**
 * Open (creating if needed) a SQLite database file with the settings the app relies on:
 * WAL journal (readers never block the writer), foreign keys enforced, a busy timeout so
 * a second process (the CLI while the server runs) waits instead of failing, and read caching.
 */
export function openSqliteFile(path: string): DatabaseSync {
  const database = new DatabaseSync(path)
  database.exec('PRAGMA journal_mode = WAL')
  database.exec('PRAGMA foreign_keys = ON')
  database.exec('PRAGMA busy_timeout = 5000')
  database.exec('PRAGMA synchronous = NORMAL')
  // Reads (search above all) come from memory-mapped pages and a 64 MB page cache rather than
  // read() calls: measured in bench/search.bench.ts.
  database.exec('PRAGMA mmap_size = 268435456')
  database.exec('PRAGMA cache_size = -65536')
  return database
}
