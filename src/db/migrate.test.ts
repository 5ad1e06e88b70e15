import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { test } from 'node:test'
import { sql } from 'kysely'
import { openDatabase } from './database.ts'
import { migrateToLatest, withSchemaIntrospection } from './migrate.ts'

const url = process.env.TEST_DATABASE_URL

/** PostgreSQL only (SQLite has no schemas): the test exists when TEST_DATABASE_URL is set, as in CI. */
async function migratorSeesItsOwnSchemaOnly(postgresUrl: string): Promise<void> {
  const mine = `test_${randomBytes(6).toString('hex')}`
  const other = `test_${randomBytes(6).toString('hex')}`
  const admin = openDatabase(postgresUrl)
  try {
    await sql`create schema ${sql.id(mine)}`.execute(admin.db)
    await sql`create schema ${sql.id(other)}`.execute(admin.db)
    await sql`create table ${sql.id(other)}.elsewhere (id text)`.execute(admin.db)
    const handle = openDatabase(postgresUrl, { schema: mine })
    try {
      await migrateToLatest(handle.db as never, mine)
      const tables = await withSchemaIntrospection(handle.db as never, mine).introspection.getTables()
      assert.ok(tables.some((t) => t.name === 'kysely_migration'))
      assert.ok(tables.some((t) => t.name === 'review'))
      assert.ok(tables.every((t) => t.schema === mine))
      assert.ok(!tables.some((t) => t.name === 'elsewhere'))
      // Dropping another schema while migrating again (nothing to do) changes nothing here.
      await Promise.all([
        migrateToLatest(handle.db as never, mine),
        sql`drop schema ${sql.id(other)} cascade`.execute(admin.db),
      ])
    } finally {
      await handle.close()
    }
  } finally {
    await sql`drop schema if exists ${sql.id(mine)} cascade`.execute(admin.db)
    await sql`drop schema if exists ${sql.id(other)} cascade`.execute(admin.db)
    await admin.close()
  }
}

if (url) {
  test('on PostgreSQL the migrator looks at its own schema only, so other schemas coming and going cannot break it', () =>
    migratorSeesItsOwnSchemaOnly(url))
}
