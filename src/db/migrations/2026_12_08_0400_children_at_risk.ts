import type { Kysely } from 'kysely'

/**
 * Other children at risk (issue 15, part 1): each sibling, household or contact child of a review, what
 * worries agencies about them, the safety action, who is responsible and by when, and its confirmation.
 *
 * Numbers are unique within the review (the label "Other child 2" shown to people without the reveal
 * permission), so two coordinators adding at once never share one: the second insert is retried.
 * Portable: text timestamps and ISO dates.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('child_at_risk')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('review_id', 'text', (c) => c.notNull().references('review.id').onDelete('cascade'))
    .addColumn('partnership_id', 'text', (c) => c.notNull().references('partnership.id'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('age', 'text', (c) => c.notNull())
    .addColumn('relationship', 'text', (c) => c.notNull())
    .addColumn('relationship_detail', 'text', (c) => c.notNull())
    .addColumn('concern', 'text', (c) => c.notNull())
    .addColumn('safety_action', 'text', (c) => c.notNull())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agency.id'))
    .addColumn('responsible_person', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('confirmed_on', 'text')
    .addColumn('confirmed_by', 'text')
    .addColumn('confirmation_note', 'text')
    .addColumn('confirmed_recorded_by', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('child_at_risk_number_unique', ['review_id', 'number'])
    .execute()
  await db.schema
    .createIndex('child_at_risk_open_idx')
    .on('child_at_risk')
    .columns(['partnership_id', 'confirmed_on', 'due_date'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('child_at_risk').execute()
}
