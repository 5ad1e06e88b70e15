import type { Kysely } from 'kysely'

/**
 * Each statutory partner's own sign-off: `partner_signatory` says which statutory partner (local
 * authority, police, health) a user acts for in a partnership, and `partner_sign_off` holds one
 * sign-off per partner per review (unique, so a partner cannot sign twice even when two people
 * press at once). Portable: text dates, no dialect-specific types.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('partner_signatory')
    .addColumn('partnership_id', 'text', (c) => c.notNull().references('partnership.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('partner', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('partner_signatory_pk', ['partnership_id', 'user_id'])
    .execute()

  await db.schema
    .createTable('partner_sign_off')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('review_id', 'text', (c) => c.notNull().references('review.id').onDelete('cascade'))
    .addColumn('partner', 'text', (c) => c.notNull())
    .addColumn('signed_by', 'text', (c) => c.notNull())
    .addColumn('signed_by_name', 'text', (c) => c.notNull())
    .addColumn('signed_by_role', 'text', (c) => c.notNull())
    .addColumn('signed_on', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('partner_sign_off_partner_unique', ['review_id', 'partner'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('partner_sign_off').execute()
  await db.schema.dropTable('partner_signatory').execute()
}
