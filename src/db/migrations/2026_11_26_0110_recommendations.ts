import type { Kysely } from 'kysely'

/** Findings, recommendations, action plans, progress and evidence of impact. */
export async function up(_db: Kysely<unknown>): Promise<void> {}

export async function down(_db: Kysely<unknown>): Promise<void> {}
