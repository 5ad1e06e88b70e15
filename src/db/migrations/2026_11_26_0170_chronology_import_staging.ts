import type { Kysely } from 'kysely'

/** Chronology import staging (streamed rows, so large files are not held in memory). */
export async function up(_db: Kysely<unknown>): Promise<void> {}

export async function down(_db: Kysely<unknown>): Promise<void> {}
