import type { Detection, Recognizer } from '../types.ts'
import { escapeRegExp } from '../text-utils.ts'

/**
 * Nationalities, ethnicities and religions, each with the broader term it is generalised to in
 * published text ("South Asian" rather than a country), and whether it is a majority description
 * in England ("White British") that identifies no one on its own.
 */
export const DEMOGRAPHIC_TERMS: ReadonlyArray<readonly [term: string, general: string, majority?: boolean]> = [
  ['White British', 'White British', true],
  ['White English', 'White British', true],
  ['British', 'British', true],
  ['English', 'British', true],
  ['Scottish', 'British', true],
  ['Welsh', 'British', true],
  ['Northern Irish', 'British', true],
  ['Irish Traveller', 'from a Traveller community'],
  ['Gypsy', 'from a Traveller community'],
  ['Roma', 'from a Traveller community'],
  ['Romany', 'from a Traveller community'],
  ['Traveller', 'from a Traveller community'],
  ['Irish', 'White Other'],
  ['Polish', 'Eastern European'],
  ['Romanian', 'Eastern European'],
  ['Lithuanian', 'Eastern European'],
  ['Latvian', 'Eastern European'],
  ['Estonian', 'Eastern European'],
  ['Czech', 'Eastern European'],
  ['Slovak', 'Eastern European'],
  ['Slovakian', 'Eastern European'],
  ['Bulgarian', 'Eastern European'],
  ['Hungarian', 'Eastern European'],
  ['Ukrainian', 'Eastern European'],
  ['Russian', 'Eastern European'],
  ['Albanian', 'Eastern European'],
  ['Kosovan', 'Eastern European'],
  ['Portuguese', 'Western European'],
  ['Spanish', 'Western European'],
  ['Italian', 'Western European'],
  ['French', 'Western European'],
  ['German', 'Western European'],
  ['Dutch', 'Western European'],
  ['Pakistani', 'South Asian'],
  ['Indian', 'South Asian'],
  ['Bangladeshi', 'South Asian'],
  ['Sri Lankan', 'South Asian'],
  ['Tamil', 'South Asian'],
  ['Nepalese', 'South Asian'],
  ['Nepali', 'South Asian'],
  ['Kashmiri', 'South Asian'],
  ['Punjabi', 'South Asian'],
  ['Gujarati', 'South Asian'],
  ['Afghan', 'Central Asian'],
  ['Iranian', 'Middle Eastern'],
  ['Iraqi', 'Middle Eastern'],
  ['Syrian', 'Middle Eastern'],
  ['Kurdish', 'Middle Eastern'],
  ['Turkish', 'Middle Eastern'],
  ['Yemeni', 'Middle Eastern'],
  ['Arab', 'Middle Eastern'],
  ['Lebanese', 'Middle Eastern'],
  ['Egyptian', 'North African'],
  ['Moroccan', 'North African'],
  ['Algerian', 'North African'],
  ['Libyan', 'North African'],
  ['Somali', 'Black African'],
  ['Somalian', 'Black African'],
  ['Eritrean', 'Black African'],
  ['Ethiopian', 'Black African'],
  ['Sudanese', 'Black African'],
  ['Nigerian', 'Black African'],
  ['Ghanaian', 'Black African'],
  ['Kenyan', 'Black African'],
  ['Ugandan', 'Black African'],
  ['Zimbabwean', 'Black African'],
  ['Congolese', 'Black African'],
  ['Sierra Leonean', 'Black African'],
  ['Cameroonian', 'Black African'],
  ['South African', 'African'],
  ['Black African', 'Black African'],
  ['Jamaican', 'Black Caribbean'],
  ['Trinidadian', 'Black Caribbean'],
  ['Barbadian', 'Black Caribbean'],
  ['Black Caribbean', 'Black Caribbean'],
  ['Chinese', 'East Asian'],
  ['Hong Konger', 'East Asian'],
  ['Vietnamese', 'South East Asian'],
  ['Filipino', 'South East Asian'],
  ['Thai', 'South East Asian'],
  ['Malaysian', 'South East Asian'],
  ['Japanese', 'East Asian'],
  ['Korean', 'East Asian'],
  ['mixed heritage', 'of mixed heritage'],
  ['dual heritage', 'of mixed heritage'],
  ['mixed race', 'of mixed heritage'],
  ['Muslim', 'of a faith background'],
  ['Islamic', 'of a faith background'],
  ['Hindu', 'of a faith background'],
  ['Sikh', 'of a faith background'],
  ['Jewish', 'of a faith background'],
  ['Orthodox Jewish', 'of a faith background'],
  ['Buddhist', 'of a faith background'],
  ["Jehovah's Witness", 'of a faith background'],
  ["Jehovah's Witnesses", 'of a faith background'],
  ['Rastafarian', 'of a faith background'],
  ['Catholic', 'of a faith background'],
  ['Roman Catholic', 'of a faith background'],
  ['Pentecostal', 'of a faith background'],
  ['Evangelical', 'of a faith background'],
  ['Mormon', 'of a faith background'],
  ['Christian', 'of a faith background', true],
]

const LOOKUP = new Map(
  DEMOGRAPHIC_TERMS.map(([t, g, maj]) => [t.toLowerCase().replace(/’/g, "'"), { general: g, majority: !!maj }]),
)
const REGEX = new RegExp(
  `\\b(${[...DEMOGRAPHIC_TERMS]
    .map(([t]) => escapeRegExp(t).replace(/'/g, "['’]").replace(/ /g, '\\s+'))
    .sort((a, b) => b.length - a.length)
    .join('|')})\\b`,
  'g',
)

/**
 * Demographic detail recognizer: nationality, ethnicity and religion terms to generalise (not
 * delete). Format: a fixed lexicon of terms, matched case-sensitively except "mixed heritage"-type
 * phrases. Minority terms score 0.7; majority descriptions ("White British", "English") score 0.3
 * so the default threshold leaves them. `value` is the broader term to publish.
 */
export function createDemographicRecognizer(): Recognizer {
  return {
    name: 'demographic',
    analyze(text: string): Detection[] {
      const out: Detection[] = []
      REGEX.lastIndex = 0
      let m: RegExpExecArray | null
      while ((m = REGEX.exec(text)) !== null) {
        const info = LOOKUP.get(m[1].replace(/\s+/g, ' ').replace(/’/g, "'").toLowerCase())
        if (!info) continue
        out.push({
          entityType: 'DEMOGRAPHIC',
          start: m.index,
          end: m.index + m[1].length,
          score: info.majority ? 0.3 : 0.7,
          recognizer: 'demographic',
          explanation: `${info.majority ? 'majority' : 'specific'} nationality, ethnicity or religion; publish as "${info.general}"`,
          value: info.general,
        })
      }
      return out
    },
  }
}
