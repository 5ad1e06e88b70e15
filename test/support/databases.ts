import { randomBytes } from 'node:crypto'
import { sql } from 'kysely'
import { openDatabase, type DatabaseHandle } from '../../src/db/database.ts'

/** A database a test body runs against: a fresh SQLite in memory, or a fresh PostgreSQL schema. */
export interface TestDatabase {
  readonly name: 'sqlite' | 'postgres'
  /** Open a new empty database (its own schema on PostgreSQL). */
  open(): Promise<DatabaseHandle>
}

/**
 * The databases every repository test runs on: SQLite always, PostgreSQL too when
 * `TEST_DATABASE_URL` is set (as CI does). Each `open()` gives an isolated, empty database, so
 * test files can run in parallel against one PostgreSQL server.
 */
export function testDatabases(): TestDatabase[] {
  const databases: TestDatabase[] = [{ name: 'sqlite', open: async () => openDatabase('sqlite::memory:') }]
  const url = process.env.TEST_DATABASE_URL
  if (url) {
    databases.push({
      name: 'postgres',
      async open() {
        const schema = `test_${randomBytes(6).toString('hex')}`
        const admin = openDatabase(url)
        await sql`create schema ${sql.id(schema)}`.execute(admin.db)
        await admin.close()
        const handle = openDatabase(url, { schema })
        return {
          db: handle.db,
          kind: handle.kind,
          schema,
          async close() {
            await handle.close()
            const cleanup = openDatabase(url)
            await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(cleanup.db)
            await cleanup.close()
          },
        }
      },
    })
  }
  return databases
}
