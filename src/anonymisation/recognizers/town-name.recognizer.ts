import type { Recognizer } from '../types.ts'
import { createPatternRecognizer } from './pattern.ts'

// Endings of English, Welsh and Scottish place names (from the Old English and Norse elements
// -ton, -ham, -by, -thorpe, -wick, -combe, -holme, ...), used only after a word that introduces a place.
const ENDINGS = [
  'ton',
  'tone',
  'ham',
  'by',
  'bury',
  'borough',
  'brough',
  'burgh',
  'ford',
  'field',
  'wick',
  'wich',
  'thorpe',
  'thorp',
  'combe',
  'coombe',
  'holme',
  'moor',
  'mouth',
  'port',
  'minster',
  'chester',
  'caster',
  'cester',
  'ley',
  'leigh',
  'stead',
  'stow',
  'stowe',
  'well',
  'wood',
  'worth',
  'den',
  'don',
  'hurst',
  'ington',
  'pool',
  'sea',
  'bridge',
  'castle',
  'head',
  'haven',
  'hampton',
  'ness',
  'dale',
  'gate',
  'grove',
  'mere',
  'more',
  'ock',
  'over',
  'ey',
  'wyn',
  'ton-on-sea',
]
const ENDING = `(?:${ENDINGS.sort((a, b) => b.length - a.length).join('|')})`

/**
 * Town and village name recognizer (no gazetteer). Format: a capitalised word — or two, or a
 * hyphenated name such as "Stratford-upon-Avon" — with a typical English place-name ending (-ton,
 * -ham, -by, -combe, -holme, -moor, ...) directly after "in", "at", "from", "near", "to", "of",
 * "around", "outside" or "towards". Scores 0.5: a weak signal meant to be confirmed by the case's
 * places list or the statistical model.
 */
export function createTownNameRecognizer(): Recognizer {
  return createPatternRecognizer('town-name', [
    {
      regex: new RegExp(
        `\\b(?:in|at|from|near|to|of|around|outside|towards|into)\\s+((?:[A-Z][a-z]+\\s+)?[A-Z][a-z]+${ENDING}(?:-(?:upon|on|in|under|by|le|next)-[A-Z][a-z]+)?)\\b(?!\\s+(?:Road|Street|Lane|Hospital|School|Council|Police|Trust|Court|Close|Way))`,
        'g',
      ),
      group: 1,
      entityType: 'LOC',
      score: 0.5,
      explanation: 'place name (typical English place-name ending after "in", "at", "from", ...)',
      validate: (value) =>
        !/^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Christmas|Easter|Early)$/.test(value),
    },
  ])
}
