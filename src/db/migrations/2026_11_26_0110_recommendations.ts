import { sql, SqliteAdapter, type Kysely } from 'kysely'

/**
 * Findings, recommendations, action plans, progress and evidence of impact (issue 6, part B).
 *
 * Numbers are unique within their review (findings, recommendations) or recommendation (actions), so
 * two people adding at the same moment can never get the same number: the second insert fails and is
 * retried with the next number. Portable: text timestamps and ISO dates, files as blob/bytea.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter
  await db.schema
    .createTable('finding')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('review_id', 'text', (c) => c.notNull().references('review.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('theme', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('finding_number_unique', ['review_id', 'number'])
    .execute()

  await db.schema
    .createTable('recommendation')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('review_id', 'text', (c) => c.notNull().references('review.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('addressed_to', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('measure_of_success', 'text', (c) => c.notNull())
    .addColumn('timescale', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('recommendation_number_unique', ['review_id', 'number'])
    .execute()

  await db.schema
    .createTable('recommendation_finding')
    .addColumn('recommendation_id', 'text', (c) => c.notNull().references('recommendation.id').onDelete('cascade'))
    .addColumn('finding_id', 'text', (c) => c.notNull().references('finding.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('recommendation_finding_pk', ['recommendation_id', 'finding_id'])
    .execute()

  await db.schema
    .createTable('plan_action')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('recommendation_id', 'text', (c) => c.notNull().references('recommendation.id').onDelete('cascade'))
    // Kept beside the recommendation so the partnership dashboard can filter without joining reviews.
    .addColumn('review_id', 'text', (c) => c.notNull().references('review.id').onDelete('cascade'))
    .addColumn('partnership_id', 'text', (c) => c.notNull().references('partnership.id'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agency.id'))
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addUniqueConstraint('plan_action_number_unique', ['recommendation_id', 'number'])
    .execute()
  await db.schema
    .createIndex('plan_action_partnership_idx')
    .on('plan_action')
    .columns(['partnership_id', 'status', 'due_date'])
    .execute()
  await db.schema.createIndex('plan_action_review_idx').on('plan_action').column('review_id').execute()

  await db.schema
    .createTable('plan_action_progress')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('action_id', 'text', (c) => c.notNull().references('plan_action.id').onDelete('cascade'))
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('status_before', 'text', (c) => c.notNull())
    .addColumn('status_after', 'text', (c) => c.notNull())
    .addColumn('author_user_id', 'text', (c) => c.notNull())
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('plan_action_progress_action_idx')
    .on('plan_action_progress')
    .column('action_id')
    .execute()

  await db.schema
    .createTable('plan_action_evidence')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('action_id', 'text', (c) => c.notNull().references('plan_action.id').onDelete('cascade'))
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text')
    .addColumn('content_type', 'text')
    .addColumn('size_bytes', 'integer')
    .addColumn('content', sqlite ? 'blob' : sql`bytea`)
    .addColumn('added_by_user_id', 'text', (c) => c.notNull())
    .addColumn('added_by_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('plan_action_evidence_action_idx')
    .on('plan_action_evidence')
    .column('action_id')
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('plan_action_evidence').execute()
  await db.schema.dropTable('plan_action_progress').execute()
  await db.schema.dropTable('plan_action').execute()
  await db.schema.dropTable('recommendation_finding').execute()
  await db.schema.dropTable('recommendation').execute()
  await db.schema.dropTable('finding').execute()
}
