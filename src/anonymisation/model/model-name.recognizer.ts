/**
 * The statistical tagger as an extra recognizer beside a cast: person names the cast does not list
 * ("a neighbour, Gary Stokes, called"). Only confident PERSON spans that look like names are kept,
 * so that report headings, roles and pseudonym labels are not replaced by "Person N".
 */
import { CAPITALISED_REPORT_WORDS } from '../lexicon/common-words.lexicon.ts'
import type { Detection, Recognizer } from '../types.ts'
import type { EntityTagger } from './entity-tagger.ts'
import { FIRST_NAMES, INSTITUTION_WORDS, OCCUPATIONS, QUANTITY_WORDS, SURNAMES } from './gazetteers.ts'

/** Options of {@link createModelNameRecognizer}. */
export interface ModelNameOptions {
  /** PERSON spans scoring below this are dropped (default 0.8). */
  minScore?: number
  /**
   * Words that are not names in this review, compared in lower case: pseudonym labels, role words
   * ("Father", "Child M", "Health Visitor 1"). A span made only of such words (and initials) is
   * dropped, so the leak gate does not report the anonymiser's own labels.
   */
  isLabelWord?: (lowerCaseWord: string) => boolean
}

// A word that looks like part of a name: a capital then a lower-case letter ("Stokes", "O'Neill",
// "McDonald"), or an all-capitals word of three letters or more inside a longer name.
const NAME_WORD = /^\p{Lu}[\p{Ll}\p{M}'’]+(?:[-‑]\p{Lu}[\p{Ll}\p{M}'’]+)*$/u
// Where any capitalised word may start: a line, a table cell, a list item, a bold run, a sentence.
const SENTENCE_START = /(?:^|\n|[|*#>]|[.!?:;]["”’)]?|\(|["“‘])\s*$/
const WORD = /[\p{L}\p{M}\p{N}'’.-]+/gu
const TITLE = /^(?:mr|mrs|ms|miss|mx|dr|prof|pc|pcso|dc|ds|di|dci|sgt|insp|cllr|rev|sir|dame|lord|lady)\.?$/i

/**
 * A recognizer reporting the tagger's confident person names (PERSON spans, and MISC spans of two
 * to four name-shaped words with a title or a listed first name or surname) (tagged with no outside penalty, its
 * most precise reading). A span is kept when at least one of its words looks like a name, none is
 * a digit or a table bar, it is not only title, report, role or label words, and it is not a lone
 * word at the start of a sentence, line or table cell, nor (without a title) only words the
 * training texts or this text use in lower case ("Individual Management Review"), nor a job title,
 * heading or count (its last word a role, report or institution word, or a number word in it).
 * Every other occurrence of a kept name in the text is reported too. Explanations say
 * "person name not in the cast (statistical model, score 0.93)". Contract: pure apart from calling
 * `isLabelWord`; never throws on any string input.
 */
export function createModelNameRecognizer(tagger: EntityTagger, options: ModelNameOptions = {}): Recognizer {
  const minScore = options.minScore ?? 0.8
  const isLabelWord = options.isLabelWord ?? (() => false)
  return {
    name: 'entity-tagger',
    analyze(text: string): Detection[] {
      const out: Detection[] = []
      let inDocument: Set<string> | undefined
      const ordinary = (lower: string): boolean => {
        inDocument ??= new Set(text.match(/(?<![\p{L}\p{M}\p{N}'’-])\p{Ll}[\p{Ll}\p{M}]{2,}(?![\p{L}\p{M}\p{N}'’-])/gu))
        return tagger.isOrdinaryWord(lower) || inDocument.has(lower)
      }
      for (const span of tagger.tag(text, { outsidePenalty: 0 })) {
        if ((span.entityType !== 'PERSON' && span.entityType !== 'MISC') || span.score < minScore) continue
        const surface = text.slice(span.start, span.end)
        if (/[\d|#*_\n]/.test(surface)) continue
        const words = surface.match(WORD) ?? []
        // the tagger learnt the (untyped) WikiActors mentions as MISC, actors' names among them: a
        // MISC span counts only when every word is name-shaped and one is a title or a listed first
        // name or surname ("John Smith", "PC Walker"; not "Quality Assurance" or "Ford Focus")
        if (
          span.entityType === 'MISC' &&
          (words.length < 2 ||
            words.length > 4 ||
            !words.every((w) => NAME_WORD.test(w) || TITLE.test(w)) ||
            !words.some((w) => TITLE.test(w) || FIRST_NAMES.has(w.toLowerCase()) || SURNAMES.has(w.toLowerCase())))
        )
          continue
        const distinctive = words.filter((w) => {
          const lower = w.toLowerCase().replace(/[.'’]+$/, '')
          return (
            !TITLE.test(w) && !CAPITALISED_REPORT_WORDS.has(lower) && !isLabelWord(lower) && !/^\p{Lu}\.?$/u.test(w)
          )
        })
        if (distinctive.length === 0 || !distinctive.some((w) => NAME_WORD.test(w))) continue
        // only ordinary words ("Individual Management Review") and no title: a heading, not a name
        if (!words.some((w) => TITLE.test(w)) && distinctive.every((w) => ordinary(w.toLowerCase()))) continue
        // a job title, heading or count ("Deputy Designated Nurse", "Four Public Protection Notices")
        const last = words[words.length - 1].toLowerCase()
        if (CAPITALISED_REPORT_WORDS.has(last) || OCCUPATIONS.has(last) || INSTITUTION_WORDS.has(last)) continue
        if (words.some((w) => QUANTITY_WORDS.has(w.toLowerCase()))) continue
        // one capitalised word where every word is capitalised is too weak a sign on its own
        if (words.length === 1 && SENTENCE_START.test(text.slice(Math.max(0, span.start - 12), span.start))) continue
        out.push({
          entityType: 'PERSON',
          start: span.start,
          end: span.end,
          score: span.score,
          recognizer: 'entity-tagger',
          explanation: `person name not in the cast (statistical model, score ${span.score.toFixed(2)})`,
        })
      }
      return withEveryOccurrence(text, out, ordinary)
    },
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/**
 * `found` plus every other whole-word occurrence of each found name (the tagger is less sure of a
 * name in some contexts, such as a long list, than in others; once it is sure, the name is a name
 * throughout). Occurrences overlapping a found span are skipped. Sorted by start.
 */
function withEveryOccurrence(
  text: string,
  found: readonly Detection[],
  isOrdinary: (lowerCaseWord: string) => boolean,
): Detection[] {
  if (found.length === 0) return []
  const best = new Map<string, Detection>()
  const note = (surface: string, d: Detection): void => {
    const known = best.get(surface)
    if (!known || d.score > known.score) best.set(surface, d)
  }
  for (const d of found) {
    const surface = text.slice(d.start, d.end)
    note(surface, d)
    // "Later Jane Smith": the name is also searched for without the sentence's first word
    const rest = /^\p{Lu}\p{Ll}+\s+(\p{Lu}.*\s.*)$/u.exec(surface)
    if (rest && isOrdinary(surface.slice(0, surface.indexOf(' ')).toLowerCase())) note(rest[1], d)
  }
  const taken = [...found].sort((a, b) => a.start - b.start)
  const overlaps = (start: number, end: number): boolean => taken.some((d) => d.start < end && start < d.end)
  const alternatives = [...best.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp)
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'gu')
  const extra: Detection[] = []
  for (const match of text.matchAll(pattern)) {
    const end = match.index + match[0].length
    const source = best.get(match[0])
    if (!source || overlaps(match.index, end)) continue
    extra.push({ ...source, start: match.index, end })
  }
  return [...taken, ...extra].sort((a, b) => a.start - b.start)
}

/**
 * The {@link ModelNameOptions.isLabelWord} test for one review: the words of the cast's roles
 * ("mother", "health", "visitor") and of every label in `labels()` (read at each call, so labels the
 * register assigns while anonymising count too). `labels` is typically `() => register.entries()
 * .map((e) => e.label)`. Pure apart from calling `labels`; never throws.
 */
export function reviewLabelWords(
  roles: readonly string[],
  labels: () => readonly string[],
): (lowerCaseWord: string) => boolean {
  const split = (s: string): string[] =>
    s
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean)
  const roleWords = new Set(roles.flatMap(split))
  let seen = -1
  let labelWords = new Set<string>()
  return (word) => {
    if (roleWords.has(word)) return true
    const current = labels()
    if (current.length !== seen) {
      labelWords = new Set(current.flatMap(split))
      seen = current.length
    }
    return labelWords.has(word)
  }
}
