import type { Kysely } from 'kysely'

/** Overview report and executive summary: sections, versions, comments. */
export async function up(_db: Kysely<unknown>): Promise<void> {}

export async function down(_db: Kysely<unknown>): Promise<void> {}
