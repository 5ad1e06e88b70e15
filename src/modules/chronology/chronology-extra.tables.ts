/**
 * Tables of migration `2026_11_26_0140_chronology_people_episodes`: Chronology entries linked to people, key practice episodes, sharing, entry edits.
 * Merged into the app's `Database` type by `src/db/schema.ts`.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ChronologyExtraTables {}
