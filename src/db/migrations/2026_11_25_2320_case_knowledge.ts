import type { Kysely } from 'kysely'

/** People and places in a review (its cast) and the review's pseudonym register. */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ['case_person', 'case_place']) {
    await db.schema
      .createTable(table)
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('review_id', 'text', (c) => c.notNull().references('review.id'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('data', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute()
    await db.schema.createIndex(`${table}_review_idx`).on(table).column('review_id').execute()
  }
  await db.schema
    .createTable('pseudonym_register')
    .addColumn('review_id', 'text', (c) => c.primaryKey().references('review.id'))
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['pseudonym_register', 'case_place', 'case_person']) await db.schema.dropTable(table).execute()
}
