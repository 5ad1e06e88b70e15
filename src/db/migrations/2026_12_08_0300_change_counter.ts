import type { Kysely } from 'kysely'

/**
 * `change_counter`: a number per kind of shared data, raised by whichever instance changes that
 * data, so that every instance can tell with one primary-key read whether what it keeps in memory
 * is still current (ADR 0031). The first counter, `published_repository`, is raised on every
 * publish and unpublish; the public search caches its answers under it. Portable.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('change_counter')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'integer', (c) => c.notNull())
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('change_counter').execute()
}
