import type { Kysely } from 'kysely'

/** Curator uploads kept in the database between upload and confirm; bulk batches. */
export async function up(_db: Kysely<unknown>): Promise<void> {}

export async function down(_db: Kysely<unknown>): Promise<void> {}
