/**
 * Tables of migration `2026_11_26_0150_outbox`: Email outbox: reminders queued, seen by administrators, sent through SMTP when configured.
 * Merged into the app's `Database` type by `src/db/schema.ts`.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface OutboxTables {}
