import type { Recognizer } from '../types.ts'
import { createPatternRecognizer } from './pattern.ts'

/** Institution words and the generic phrase each becomes in published text. */
export const INSTITUTION_WORDS: ReadonlyArray<readonly [string, string]> = [
  ['Primary School', 'primary school'],
  ['Infant School', 'primary school'],
  ['Junior School', 'primary school'],
  ['High School', 'secondary school'],
  ['Secondary School', 'secondary school'],
  ['Grammar School', 'secondary school'],
  ['Academy', 'school'],
  ['School', 'school'],
  ['College', 'college'],
  ['Day Nursery', 'nursery'],
  ['Nursery', 'nursery'],
  ['Pre-School', 'nursery'],
  ['Preschool', 'nursery'],
  ['Playgroup', 'nursery'],
  ['Medical Practice', 'gp_practice'],
  ['Medical Centre', 'gp_practice'],
  ['Health Centre', 'gp_practice'],
  ['Surgery', 'gp_practice'],
  ['Group Practice', 'gp_practice'],
  ['General Hospital', 'hospital'],
  ['Infirmary', 'hospital'],
  ['Hospital', 'hospital'],
  ['Youth Club', 'youth_club'],
  ['Youth Centre', 'youth_club'],
  ["Children's Centre", 'childrens_centre'],
  ['Family Hub', 'childrens_centre'],
  ['Family Centre', 'childrens_centre'],
  ['Community Centre', 'community_centre'],
  ['Leisure Centre', 'community_centre'],
  ['Church', 'place_of_worship'],
  ['Mosque', 'place_of_worship'],
  ['Gurdwara', 'place_of_worship'],
  ['Temple', 'place_of_worship'],
  ['Synagogue', 'place_of_worship'],
  ['Pharmacy', 'shop'],
  ['Chemist', 'shop'],
  ['Stores', 'shop'],
  ['Store', 'shop'],
  ['Supermarket', 'shop'],
  ['Superstore', 'shop'],
  ['Convenience Store', 'shop'],
  ['Off Licence', 'shop'],
  ['Cafe', 'shop'],
  ['Café', 'shop'],
  ['Takeaway', 'shop'],
  ['Barbers', 'shop'],
  ['Arms', 'pub'],
  ['Inn', 'pub'],
  ['Tavern', 'pub'],
  ['Police Station', 'police_station'],
  ['Custody Suite', 'police_station'],
  ['Hostel', 'housing'],
  ['House', 'housing'],
  ['Refuge', 'housing'],
]

// Words that never make an institution name distinctive on their own ("the General Hospital", "Children's Centre").
const GENERIC = new Set(
  `the a an and of st saint general children's childrens community family day county city district royal
  national university teaching local primary secondary high junior infant new old youth health medical group
  public private voluntary our your this that their his her its at in on for by with from police station nhs
  emergency paediatric early years specialist main central north south east west upper lower great little`
    .split(/\s+/)
    .filter(Boolean),
)

const INSTITUTION = INSTITUTION_WORDS.map(([w]) => w.replace(/'/g, "['’]").replace(/ /g, '\\s+'))
  .sort((a, b) => b.length - a.length)
  .join('|')
const NAME_WORD = "(?:[A-Z][A-Za-z'’]+(?:-[A-Z][a-z'’]+)?|St\\.?|and|&|of|the|on|upon|in)"

/**
 * Named institution recognizer: schools, nurseries, GP practices, hospitals, youth clubs, family
 * hubs, places of worship, shops and pubs. Format: one to five capitalised words (small words
 * "and", "of", "the", "St" allowed inside) ending in an institution word ("Oakfield Primary School",
 * "Elm Lane Medical Practice", "St Luke's Children's Hospital", "The Red Lion"
 * is a pub only through the case's places list). At least one word must be distinctive (not
 * "General", "Children's", "Community"...), so "the General Hospital" alone is not reported.
 * `value` is the kind of institution (`school`, `hospital`, ...).
 */
export function createInstitutionRecognizer(): Recognizer {
  return createPatternRecognizer('institution', [
    {
      regex: new RegExp(`\\b((?:${NAME_WORD}\\s+){1,5}(?:${INSTITUTION}))\\b`, 'g'),
      entityType: 'ORG',
      score: 0.75,
      explanation: 'named institution',
      validate: (value) => {
        let words = value.split(/\s+/)
        let trimStart = 0
        while (
          words.length > 1 &&
          /^(the|and|of|on|in|upon|&|at|to|from|The|On|At|In|To|From|By|Via)$/.test(words[0])
        ) {
          trimStart = value.indexOf(words[1], trimStart + words[0].length)
          words = words.slice(1)
        }
        const found = INSTITUTION_WORDS.find(([w]) =>
          new RegExp(`${w.replace(/'/g, "['’]").replace(/ /g, '\\s+')}$`).test(value),
        )
        const kind = found ? found[1] : 'organisation'
        const instWords = found ? found[0].split(' ').length : 1
        const nameWords = words.slice(0, Math.max(0, words.length - instWords))
        if (!nameWords.some((w) => !GENERIC.has(w.toLowerCase().replace(/’/g, "'")))) return false
        if (nameWords.length === 0 || /^[a-z]/.test(nameWords[0])) return false
        return { value: kind, explanation: `named ${kind.replace(/_/g, ' ')}`, trimStart }
      },
    },
  ])
}
