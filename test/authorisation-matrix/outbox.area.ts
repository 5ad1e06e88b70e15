import type { MatrixArea } from './area.ts'

/** Rows of the authorisation matrix for this slice (see `area.ts`). */
export const area: MatrixArea = {
  rows: [],
}
