/**
 * Proposes links from a chronology entry's "people involved" text to the review's people in the case
 * (the cast the anonymisation engine uses). Pure: no database, no I/O.
 *
 * Names are found with the anonymisation library's cast-name recognizer, so every form it knows counts:
 * full name, given name or surname alone, other names, nicknames, any letter case and likely misspellings
 * ("Chloe Callaway"). Role words are matched here: a part of the text that is exactly a person's role
 * ("Mother") or pseudonym ("Child M"), when only one person has that role.
 */
import type { CastMember } from '../../anonymisation/case-types.ts'
import { createCastNameRecognizer } from '../../anonymisation/recognizers/cast-name.recognizer.ts'

/**
 * Splits a "people involved" text into the people it names: the one rule for entries typed in the
 * browser and entries imported from a spreadsheet, so the same text names the same people either way.
 *
 * Semicolons and new lines always separate people. Commas separate people only when the text has
 * neither (a plain "Ann Smith, Ben Smith" list), and never inside brackets: in
 * "Ann Smith; male introduced as 'Dean, my partner'" the comma belongs to one description.
 * Pieces are trimmed; empty pieces are dropped.
 */
export function splitPeople(text: string): string[] {
  const separator = /[;\n]/.test(text) ? /[;\n]/ : /,(?![^()]*\))/
  return text
    .split(separator)
    .map((person) => person.trim())
    .filter((person) => person !== '')
}

/** Finds the people of a cast in people-involved texts. */
export interface PeopleMatcher {
  /** Ids of the cast members the text names, in cast order, each once. */
  match(peopleInvolved: readonly string[]): string[]
}

/** Lower case, curly quotes straightened, spaces squeezed: how role words are compared. */
function normalise(text: string): string {
  return text.toLowerCase().replace(/[’‘]/g, "'").replace(/\s+/g, ' ').trim()
}

/**
 * A matcher for one cast. Contract: pure; never throws; a cast member with `retain` (a published name, such
 * as the independent reviewer) is matched by name like anyone else here, because linking is not masking.
 */
export function createPeopleMatcher(cast: readonly CastMember[]): PeopleMatcher {
  // The recognizer skips retained people (it finds names to mask); linking wants everyone.
  const recognizer = createCastNameRecognizer(cast.map((m) => ({ ...m, retain: false })))
  const order = new Map(cast.map((m, i) => [m.id, i]))
  const byRoleWord = new Map<string, Set<string>>()
  for (const m of cast) {
    for (const word of [m.role, m.expected_pseudonym ?? '']) {
      const key = normalise(word)
      if (!key) continue
      byRoleWord.set(key, (byRoleWord.get(key) ?? new Set()).add(m.id))
    }
  }
  return {
    match(peopleInvolved) {
      const found = new Set<string>()
      for (const part of peopleInvolved) {
        const roleIds = byRoleWord.get(normalise(part))
        // "Health visitor" names nobody when two people are health visitors.
        if (roleIds?.size === 1) found.add([...roleIds][0])
        for (const detection of recognizer.analyze(part)) {
          if (detection.castId) found.add(detection.castId)
        }
      }
      return [...found].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0))
    },
  }
}
