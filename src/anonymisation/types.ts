/**
 * Shared types of the anonymisation library. The library is pure: no database, no web, no I/O.
 *
 * Offsets everywhere are UTF-16 code units into the analysed string (JavaScript string indexes),
 * `end` exclusive. Scores are 0–1.
 */

/** Every kind of identifier the analyzer can report. */
export const ENTITY_TYPES = [
  'PERSON',
  'DATE',
  'ADDRESS',
  'POSTCODE',
  'PHONE',
  'EMAIL',
  'URL',
  'NHS_NUMBER',
  'NI_NUMBER',
  'POLICE_REFERENCE',
  'CASE_REFERENCE',
  'VEHICLE_REGISTRATION',
  'SOCIAL_HANDLE',
  'ORG',
  'LOC',
  'DEMOGRAPHIC',
  'CODE',
  'QUANTITY',
  'MISC',
] as const
export type EntityType = (typeof ENTITY_TYPES)[number]

/**
 * One span the analyzer believes is (part of) an identifier.
 * `explanation` is plain English a reviewer can read ("first name of Mother (cast)",
 * "NHS number, checksum valid", "date, en-GB").
 */
export interface Detection {
  entityType: EntityType
  start: number
  end: number
  /** Confidence 0–1. */
  score: number
  /** Name of the recognizer that produced it, e.g. `nhs-number`. */
  recognizer: string
  explanation: string
  /** Set by case-aware recognizers: the `id` of the cast member this span refers to. */
  castId?: string
  /** Set by case-aware recognizers: the `name` of the place (from the places list) this span refers to. */
  placeName?: string
  /**
   * Optional machine-readable value the operators use: an ISO date (`2023-06-14`) for an exact DATE,
   * the institution word for a generic ORG (`school`), the broad group for a DEMOGRAPHIC.
   */
  value?: string
}

/** A recognizer finds one kind of identifier. Contract: pure, never throws on any string input. */
export interface Recognizer {
  readonly name: string
  analyze(text: string): Detection[]
}
