import type { Kysely } from 'kysely'

/**
 * The national Panel's workspace (issue 14 part 1): `panel_exchange` holds every dated step between the
 * Panel and a partnership about a review (append-only, so the history is never rewritten), and
 * `national_review` the cases the Panel took on as national reviews, each linking its local review.
 * The national roles themselves need no schema: a membership's role is text, and national memberships
 * already have no partnership. Portable: text dates, JSON as text.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('panel_exchange')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('review_id', 'text', (c) => c.notNull().references('review.id').onDelete('cascade'))
    // 1, 2, 3, … within the review; unique, so two steps recorded at once cannot both land on one turn.
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('party', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('reasons', 'text', (c) => c.notNull())
    .addColumn('questions', 'text', (c) => c.notNull())
    .addColumn('ratings', 'text')
    .addColumn('happened_on', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_by_name', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('panel_exchange_position_unique', ['review_id', 'position'])
    .execute()

  await db.schema
    .createTable('national_review')
    .addColumn('review_id', 'text', (c) => c.primaryKey().references('review.id').onDelete('cascade'))
    .addColumn('reasons', 'text', (c) => c.notNull())
    .addColumn('decided_on', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_by_name', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('national_review').execute()
  await db.schema.dropTable('panel_exchange').execute()
}
