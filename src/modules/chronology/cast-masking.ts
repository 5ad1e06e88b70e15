/**
 * Chronology text as someone without `review.revealOriginal` sees it: the names of the review's people in
 * the case replaced by their labels from the review's pseudonym register ("Child M", "the mother").
 * Pure apart from giving new labels in the register (the caller keeps it, so a person keeps one label).
 */
import { anonymise } from '../../anonymisation/anonymizer/anonymise.ts'
import type { PseudonymRegister } from '../../anonymisation/anonymizer/pseudonym-register.ts'
import type { CastMember } from '../../anonymisation/case-types.ts'
import { createCastNameRecognizer } from '../../anonymisation/recognizers/cast-name.recognizer.ts'
import type { ChronologyEntry } from './chronology.ts'

/** The fields of an entry that are free text written by an agency, and so may name people. */
const TEXT_FIELDS = ['event', 'actionTaken', 'outcome', 'significance', 'practitionerRole', 'sourceRecord'] as const

/** The parts of an entry (or an earlier version of it) that may name people. */
export type EntryText = Pick<ChronologyEntry, (typeof TEXT_FIELDS)[number] | 'peopleInvolved'>

/** Masks one text, or one entry (a copy; the entry given is not changed). */
export interface EntryMasker {
  text(text: string): string
  entry<T extends EntryText>(entry: T): T
}

/**
 * A masker replacing every name of the cast by its label.
 * Contract: never throws; a cast with nobody to mask returns texts as they are.
 * Only names of the review's people in the case are masked (the cast-name recognizer: full names, given
 * names or surnames alone, other names, likely misspellings); other identifiers stay for the coordinator's
 * anonymisation before publication.
 */
export function createEntryMasker(cast: readonly CastMember[], register: PseudonymRegister): EntryMasker {
  const recognizer = createCastNameRecognizer(cast)
  const mask = (text: string): string => {
    if (!text) return text
    const detections = recognizer.analyze(text).filter((d) => d.castId)
    return detections.length ? anonymise(text, detections, { cast, register }).text : text
  }
  return {
    text: mask,
    entry(entry) {
      const masked = { ...entry, peopleInvolved: entry.peopleInvolved.map(mask) }
      for (const field of TEXT_FIELDS) masked[field] = mask(entry[field])
      return masked
    },
  }
}
