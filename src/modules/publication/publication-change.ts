import type { Actor } from '../access/actor.ts'
import type { IsoDate } from '../clocks/plain-date.ts'
import type { PublicationChanges, PublicationRepository } from './publication.repository.ts'
import type { EmbargoOutcome, StepRecord } from './publication.ts'

/** Thrown when a change was based on an older version of the publication record (someone else acted first). */
export class StalePublicationError extends Error {
  override name = 'StalePublicationError'
}

/** A step to append with a change of the publication record. */
export interface StepChange {
  step: StepRecord['step']
  happenedOn: IsoDate
  how: string | null
  note: string
  outcome?: EmbargoOutcome | null
  outcomeDetail?: string | null
}

/**
 * Change the publication record from `version` (and append `step`, recorded by the actor).
 * @throws StalePublicationError when someone else changed it after `version`.
 */
export async function changePublicationRecord(
  repository: PublicationRepository,
  actor: Actor,
  reviewId: string,
  version: number,
  changes: PublicationChanges,
  step: StepChange | null,
  now: Date,
): Promise<void> {
  const ok = await repository.change(
    reviewId,
    version,
    changes,
    step ? { ...step, recordedBy: actor.userId, recordedByName: actor.displayName } : null,
    actor.userId,
    now,
  )
  if (!ok) throw stalePublication()
}

/** The error for a change based on an older version. */
export function stalePublication(): StalePublicationError {
  return new StalePublicationError('Someone else changed the publication record after you opened it')
}
