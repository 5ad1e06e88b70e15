import type { Kysely } from 'kysely'

/** Agency reports (individual management reviews): structured form or uploaded DOCX. */
export async function up(_db: Kysely<unknown>): Promise<void> {}

export async function down(_db: Kysely<unknown>): Promise<void> {}
