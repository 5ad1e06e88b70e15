import type { Kysely } from 'kysely'

/** Reviews: notification, children, milestones (clock events), stage history, members, clocks as data. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('review')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partnership_id', 'text', (c) => c.notNull().references('partnership.id'))
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('notification_submitted_at', 'text')
    .addColumn('incident_date', 'text')
    .addColumn('aware_date', 'text')
    .addColumn('nature', 'text')
    .addColumn('abuse_or_neglect', 'text')
    .addColumn('agencies_involved', 'text', (c) => c.notNull())
    .addColumn('outline', 'text', (c) => c.notNull())
    .addColumn('pseudonym', 'text')
    .addColumn('rapid_review', 'text', (c) => c.notNull())
    .addColumn('decision', 'text')
    .addColumn('commissioning', 'text')
    .addColumn('embargo_reason', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addUniqueConstraint('review_partnership_reference_unique', ['partnership_id', 'reference'])
    .execute()
  await db.schema.createIndex('review_partnership_idx').on('review').column('partnership_id').execute()

  await db.schema
    .createTable('review_child')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('review_id', 'text', (c) => c.notNull().references('review.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('date_of_birth', 'text')
    .addColumn('age_text', 'text')
    .addColumn('sex', 'text')
    .addColumn('ethnic_group', 'text')
    .addColumn('disability', 'text')
    .addColumn('looked_after', 'integer', (c) => c.notNull())
    .addColumn('child_protection_plan', 'integer', (c) => c.notNull())
    .addColumn('known_to_social_care', 'integer', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('review_child_review_idx').on('review_child').column('review_id').execute()
  await db.schema.createIndex('review_child_dob_idx').on('review_child').column('date_of_birth').execute()

  await db.schema
    .createTable('review_milestone')
    .addColumn('review_id', 'text', (c) => c.notNull().references('review.id'))
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('review_milestone_pk', ['review_id', 'event'])
    .execute()

  await db.schema
    .createTable('review_stage_change')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('review_id', 'text', (c) => c.notNull().references('review.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('from_stage', 'text')
    .addColumn('to_stage', 'text', (c) => c.notNull())
    .addColumn('changed_by', 'text', (c) => c.notNull())
    .addColumn('changed_by_name', 'text', (c) => c.notNull())
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .execute()
  await db.schema.createIndex('review_stage_change_review_idx').on('review_stage_change').column('review_id').execute()

  await db.schema
    .createTable('review_member')
    .addColumn('review_id', 'text', (c) => c.notNull().references('review.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id'))
    .addColumn('role_in_review', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('review_member_pk', ['review_id', 'user_id'])
    .execute()
  await db.schema.createIndex('review_member_user_idx').on('review_member').column('user_id').execute()

  await db.schema
    .createTable('review_link')
    .addColumn('review_id', 'text', (c) => c.notNull().references('review.id'))
    .addColumn('linked_review_id', 'text', (c) => c.notNull().references('review.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('review_link_pk', ['review_id', 'linked_review_id'])
    .execute()

  await db.schema
    .createTable('clock_definition')
    .addColumn('partnership_id', 'text', (c) => c.notNull().references('partnership.id'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('start_event', 'text', (c) => c.notNull())
    .addColumn('amount', 'integer', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('stop_event', 'text', (c) => c.notNull())
    .addColumn('due_soon_working_days', 'integer', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('clock_definition_pk', ['partnership_id', 'key'])
    .execute()

  await db.schema
    .createTable('clock_extension')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('review_id', 'text', (c) => c.notNull().references('review.id'))
    .addColumn('clock_key', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('new_due_date', 'text', (c) => c.notNull())
    .addColumn('agreed_on', 'text')
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('clock_extension_review_idx').on('clock_extension').column('review_id').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'clock_extension',
    'clock_definition',
    'review_link',
    'review_member',
    'review_stage_change',
    'review_milestone',
    'review_child',
    'review',
  ]) {
    await db.schema.dropTable(table).execute()
  }
}
