/**
 * Descriptions of a person that identify in combination (the benchmark's DEM, QUASI), found by the
 * grammar that introduces them rather than by a list of the people themselves:
 *
 * - an occupation said of someone: "worked as a ballet dancer", "employed as an electrician",
 *   "the applicant, who was an advocate", "the applicant is a university professor" (in TAB train,
 *   an occupation after "as a" / "was a" is a QUASI mention 15 times of 16);
 * - a health condition: "suffering from paranoid schizophrenia", "diagnosed with epilepsy",
 *   "resulted in the applicant's total disability".
 *
 * Only the no-cast pipeline (`detect-spans.ts`) uses it: with a cast the reviewer's own list says
 * what identifies. Pure: offsets are UTF-16 code units, `end` exclusive. Never throws.
 */
import type { Detection, Recognizer } from '../types.ts'
import { MEDICAL, OCCUPATIONS } from './gazetteers.ts'

// Occupations the gazetteer lacks, in the forms judgments and case files use.
const MORE_OCCUPATIONS = new Set(
  `practitioner conscript professor dancer dancers headmaster headmistress watchman caretaker craftsman
  craftswoman labourer labourers shepherd herder fisherman midwife paramedic pharmacist dentist surgeon
  psychiatrist psychologist therapist counsellor childminder nanny cleaner waiter waitress barber hairdresser`.split(
    /\s+/,
  ),
)
const isOccupation = (word: string): boolean => OCCUPATIONS.has(word) || MORE_OCCUPATIONS.has(word)

// "as a", "was a", "is an", "became a", "the applicant, a" and up to three lower-case words after it:
// the occupation is the longest run of them that ends in an occupation word ("primary school teacher",
// "retired non-commissioned officer").
const OCCUPATION = new RegExp(
  String.raw`(?:\b(?:as|was|is|were|are|became|becoming|been)|\bapplicant,)\s+(?:an?|the)\s+((?:[a-z][a-z‑-]*)(?:\s+[a-z][a-z‑-]*){0,2})`,
  'gu',
)
const NOT_MODIFIER = new Set('and or of in at for to with by from on who which that'.split(' '))

// "suffering from", "diagnosed with", "resulted in ... " before a health condition.
const CONDITION = new RegExp(
  String.raw`\b(?:suffer(?:s|ed|ing)?\s+from|diagnosed\s+(?:with|as\s+having)|diagnosis\s+of)\s+((?:(?!(?:and|or|which|who|that|since|for|in|at|on|by|from|but)\b)[a-z][a-z‑'-]*\s*){1,4})`,
  'gu',
)

// A diagnosis named in a medical report, wherever it stands: a word with a clinical suffix and the
// adjectives before it ("mild gonarthrosis", "degenerative discopathy", "cervico-brachial neuralgia"),
// or a fracture with its bone ("fracture of the left kneecap").
const DIAGNOSIS = new RegExp(
  String.raw`\b(?:(?!(?:and|or|of|the|a|an|with|mild|severe|no|some|from|to|in|on|at|by|for|is|was|were|had|has|have|been|suffering|suffered|suffers|diagnosed|there|shows|showed|which|who|that|his|her|their|its)\b)[a-z][a-z‑-]*\s+){0,2}[a-z‑-]+(?:arthritis|arthrosis|itis|osis|pathy|algia|phrenia|plegia)\b|\bfractures?\s+of\s+the\s+(?:(?:left|right|lower|upper)\s+){0,2}(?:\d+(?:st|nd|rd|th)\s+)?[a-z]+(?:\s+(?:vertebra|bone))?`,
  'gu',
)

/** The recognizer of occupations and health conditions said of a person. Never throws. */
export function createPersonDescriptorRecognizer(): Recognizer {
  return {
    name: 'person-descriptor',
    analyze(text: string): Detection[] {
      const out: Detection[] = []
      for (const m of text.matchAll(OCCUPATION)) {
        const words = m[1].split(/\s+/)
        let last = -1
        for (let i = 0; i < words.length && !NOT_MODIFIER.has(words[i]); i++) if (isOccupation(words[i])) last = i
        if (last < 0) continue
        const phrase = words.slice(0, last + 1).join(' ')
        const start = m.index + m[0].length - m[1].length
        if (text.slice(start, start + phrase.length) !== phrase) continue
        out.push({
          entityType: 'DEMOGRAPHIC',
          start,
          end: start + phrase.length,
          score: 0.6,
          recognizer: 'person-descriptor',
          explanation: 'an occupation said of a person (identifies in combination)',
        })
      }
      for (const m of text.matchAll(CONDITION)) {
        const phrase = m[1].trimEnd()
        const words = phrase.split(/\s+/)
        if (!words.some((w) => MEDICAL.has(w) || /(?:itis|osis|emia|aemia|pathy|phrenia|algia|oma)$/u.test(w))) continue
        const start = m.index + m[0].length - m[1].length
        out.push({
          entityType: 'DEMOGRAPHIC',
          start,
          end: start + phrase.length,
          score: 0.6,
          recognizer: 'person-descriptor',
          explanation: 'a health condition said of a person (identifies in combination)',
        })
      }
      for (const m of text.matchAll(DIAGNOSIS)) {
        const end = m.index + m[0].length
        // already found as a condition said of a person; or the words for a diagnosis itself
        if (out.some((d) => d.start < end && d.end > m.index) || /(?:diagnos|prognos)[ie]s$/u.test(m[0])) continue
        out.push({
          entityType: 'DEMOGRAPHIC',
          start: m.index,
          end: m.index + m[0].length,
          score: 0.6,
          recognizer: 'person-descriptor',
          explanation: 'a diagnosis (identifies in combination)',
        })
      }
      return out
    },
  }
}
