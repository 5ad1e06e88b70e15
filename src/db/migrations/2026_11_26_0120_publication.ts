import type { Kysely } from 'kysely'

/** Sign-off and publication steps, in order, each with who and when. */
export async function up(_db: Kysely<unknown>): Promise<void> {}

export async function down(_db: Kysely<unknown>): Promise<void> {}
