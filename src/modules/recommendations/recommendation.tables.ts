/**
 * Tables of migration `2026_11_26_0110_recommendations`: Findings, recommendations, action plans, progress and evidence of impact.
 * Merged into the app's `Database` type by `src/db/schema.ts`.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface RecommendationTables {}
