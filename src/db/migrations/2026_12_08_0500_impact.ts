import type { Kysely } from 'kysely'

/**
 * Impact of a review's recommendations (issue 15, part 4): follow-up audits scheduled per recommendation
 * a number of months after publication, each with the question it answers and the sample, and, once done,
 * the finding and whether practice changed. The due date is not stored: it is computed from the
 * publication date, which may come after the audit is planned.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('impact_audit')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('review_id', 'text', (c) => c.notNull().references('review.id').onDelete('cascade'))
    .addColumn('partnership_id', 'text', (c) => c.notNull().references('partnership.id'))
    .addColumn('recommendation_id', 'text', (c) => c.notNull().references('recommendation.id').onDelete('cascade'))
    .addColumn('recommendation_number', 'integer', (c) => c.notNull())
    .addColumn('months_after', 'integer', (c) => c.notNull())
    .addColumn('question', 'text', (c) => c.notNull())
    .addColumn('sample', 'text', (c) => c.notNull())
    .addColumn('finding', 'text')
    .addColumn('practice_changed', 'integer')
    .addColumn('audited_on', 'text')
    .addColumn('recorded_by', 'text')
    .addColumn('recorded_by_name', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('impact_audit_month_unique', ['recommendation_id', 'months_after'])
    .execute()
  await db.schema.createIndex('impact_audit_review_idx').on('impact_audit').column('review_id').execute()
  await db.schema.createIndex('impact_audit_partnership_idx').on('impact_audit').column('partnership_id').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('impact_audit').execute()
}
