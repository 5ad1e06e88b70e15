import type { Services } from '../../src/composition.ts'
import type { Actor } from '../../src/modules/access/actor.ts'
import type { Role } from '../../src/modules/access/permissions.ts'

/** A role, or someone not signed in. */
export type Who = Role | 'anonymous'

/** One route and who may use it. */
export interface MatrixRow {
  readonly method: 'GET' | 'POST'
  readonly url: string
  readonly allowed: readonly Who[]
  /**
   * Answers besides 2xx/3xx that still mean the route worked for an allowed user with the matrix's
   * request (say why beside the row), e.g. 410 for an invitation token that does not exist.
   */
  readonly alsoWorking?: readonly number[]
}

/** What the matrix has made before any row runs (a submitted review the lead reviewer is a member of, …). */
export interface MatrixContext {
  readonly services: Services
  /** The review every `/reviews/:id` row uses. */
  readonly reviewId: string
  /** Acting as the demo coordinator, chair and lead reviewer of the demo partnership. */
  readonly coordinator: Actor
  readonly chair: Actor
  readonly leadReviewer: Actor
  /** The demo police agency's id; its contributor has been asked for a chronology in the review. */
  readonly policeAgencyId: string
}

/**
 * A slice's rows of the authorisation matrix, and the records its URLs need.
 *
 * `setup` runs once before the rows and returns values for the slice's own placeholders (names
 * that no other slice uses, such as `:recommendationId`, never `:id`); each is replaced in the
 * slice's URLs before the shared ones.
 */
export interface MatrixArea {
  readonly rows: readonly MatrixRow[]
  setup?(context: MatrixContext): Promise<Record<string, string>>
}
