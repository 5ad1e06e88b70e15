import type { Kysely } from 'kysely'

/** Chronology entries linked to people, key practice episodes, sharing, entry edits. */
export async function up(_db: Kysely<unknown>): Promise<void> {}

export async function down(_db: Kysely<unknown>): Promise<void> {}
