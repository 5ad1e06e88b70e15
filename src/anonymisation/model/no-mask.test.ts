import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'
import { createAnalyzer } from '../analyzer/analyzer.ts'
import { detectSpans, extendEdges, repeatOccurrences } from './detect-spans.ts'
import { EntityTagger } from './entity-tagger.ts'
import { createEntityTaggerRecognizer } from './entity-tagger.recognizer.ts'
import { needsNoMask, refineDetection } from './no-mask.ts'

test('needs no mask: public bodies, legislation, states and fragments; masks local places', () => {
  const cases: Array<[string, string, boolean]> = [
    ['the Supreme Administrative Court', 'ORG', true],
    ['Turkish Ministry of Foreign Affairs', 'ORG', true],
    ['the Child Safeguarding Practice Review Panel', 'ORG', true],
    ['Ofsted', 'ORG', true],
    ['the NSPCC', 'ORG', true],
    ['the family court', 'ORG', true],
    ['Crown Prosecution Service', 'ORG', true],
    ['Serious Case Review', 'MISC', true],
    ['Articles 8 and 14', 'MISC', true],
    ['Law no. 4210', 'CODE', true],
    ['Protocol No. 11', 'MISC', true],
    ['the Children Act 1989', 'MISC', true],
    ['Turkey', 'LOC', true],
    ['the United Kingdom', 'LOC', true],
    ['(b)', 'CODE', true],
    ['m.', 'QUANTITY', true],
    ['damage', 'ORG', true],
    ['employee', 'PERSON', true],
    // still masked
    ['Warsaw District Court', 'ORG', false],
    ['Oakfield Primary School', 'ORG', false],
    ['Riverside GP Practice', 'ORG', false],
    ['Elm Street', 'LOC', false],
    ['Hartley Estate', 'LOC', false],
    ['Ward 7', 'LOC', false],
    ['widow', 'DEMOGRAPHIC', false],
    ['Kurdish', 'DEMOGRAPHIC', false],
    ['Anna Berg', 'PERSON', false],
    ['14 June 2019', 'DATE', false],
  ]
  for (const [surface, type, keep] of cases) assert.equal(needsNoMask(surface, type), keep, `${surface} (${type})`)
})

test('a state is masked where it is a place in someone’s story', () => {
  assert.equal(needsNoMask('Nigeria', 'LOC', 'she was born in '), false)
  assert.equal(needsNoMask('Nigeria', 'LOC', 'the Government of '), true)
})

test('needs no mask in context: dates of laws and of the Court’s procedure, cited words; masks sentences and nationals', () => {
  // the date of a law or of the Court's own procedure identifies nobody
  assert.equal(needsNoMask('16 June 2004', 'DATE', 'By Law no. 5190 of '), true)
  assert.equal(needsNoMask('1 November 1998', 'DATE', 'transmitted to the Court on ', ', when Protocol No. 11'), true)
  assert.equal(
    needsNoMask('1 November 2004', 'DATE', 'On ', ' the Court changed the composition of its Sections'),
    true,
  )
  assert.equal(needsNoMask('16 June 2004', 'DATE', 'On ', ' the applicant was arrested'), false)
  // a citation word read as a name, legislation with a gloss or in its own language
  assert.equal(needsNoMask('Article', 'PERSON', 'lodged under '), true)
  assert.equal(needsNoMask('Motor Vehicles Act 1967 (Kraftfahrgesetz)', 'MISC'), true)
  assert.equal(needsNoMask('Bundesgesetz über die Rechtspersönlichkeit', 'ORG'), true)
  // a prison sentence's length is masked even when written in words; a lowercase phrase is not
  assert.equal(needsNoMask('three years', 'DATE', 'the court sentenced him to '), false)
  assert.equal(needsNoMask('three years', 'DATE', 'within '), true)
  assert.equal(needsNoMask('take evidence from numerous witnesses and suspects', 'MISC'), true)
  // a nationality said of a person is masked; named alone it is not
  assert.equal(needsNoMask('Turkish', 'DEMOGRAPHIC', 'by a ', ' national, Mr A.'), false)
  assert.equal(needsNoMask('Turkish', 'DEMOGRAPHIC', 'the ', ' Government'), true)
})

test('refining trims grammar words and paragraph numbers, and drops cited numbers', () => {
  const text = '1.1 When the applicant met Mr Hasan Yilmaz under Article 8 until the age of 65.'
  const span = (needle: string, entityType: string) => {
    const start = text.indexOf(needle)
    return refineDetection(text, { start, end: start + needle.length, entityType })
  }
  const cut = (r: [number, number] | null) => (r === null ? null : text.slice(r[0], r[1]))
  assert.equal(cut(span('1.1 When the applicant met Mr Hasan Yilmaz', 'PERSON')), 'applicant met Mr Hasan Yilmaz')
  assert.equal(cut(span('the applicant', 'PERSON')), null)
  assert.equal(cut(span('8', 'DATE')), null)
  assert.equal(cut(span('65', 'QUANTITY')), null)
  assert.equal(cut(span('Mr Hasan Yilmaz', 'PERSON')), 'Mr Hasan Yilmaz')
})

// Published-style review prose, written for this test (synthetic: no real review or person). Each
// sentence lists what may be masked in it: the pseudonyms, dates, ages and local places it names.
const tagger = EntityTagger.fromJSON(
  JSON.parse(readFileSync(new URL('../../../models/entity-tagger.json', import.meta.url), 'utf8')),
)
const analyzer = createAnalyzer()
const recognizers = [
  createEntityTaggerRecognizer(tagger),
  { name: 'generic-rules', analyze: (t: string) => analyzer.analyze(t).detections },
]
const PROSE: Array<[string, string[]]> = [
  [
    '1.1 When Child P was born in March 2019, the family was known to children’s social care.',
    ['Child P', 'March 2019'],
  ],
  ['The Child Safeguarding Practice Review Panel was notified by Ofsted and the NSPCC.', []],
  ['Summary. Due to the injury, child protection enquiries were initiated by the police.', []],
  ['The Crown Prosecution Service decided not to charge, and a Serious Case Review was commissioned.', []],
  ['Ms BM suffered a fractured wrist. A Child in Need Plan was agreed in April 2014.', ['Ms BM', 'April 2014']],
  ['The family court made a care order. The health visitor and the social worker visited at night.', []],
  ['Under section 47 of the Children Act 1989 the report (see paragraph 4.2) was shared.', []],
  [
    'He attended Oakfield Primary School and lived on Elm Street, Hartley Estate.',
    ['Oakfield Primary School', 'Elm Street', 'Hartley Estate'],
  ],
  ['She was admitted to Ward 7 of St Luke’s Hospital.', ['Ward 7 of St Luke’s Hospital']],
  ['The social worker recorded the visit on Mosaic. Notes were uploaded to SystmOne.', []],
]

test('published-style prose: only pseudonyms, dates and local places are masked, never a piece of a word', () => {
  let masked = 0
  let outside = 0
  let total = 0
  for (const [text, allowed] of PROSE) {
    const spans = detectSpans(text, recognizers)
    total += text.length
    const allowedRanges = allowed.map((a) => {
      const start = text.indexOf(a)
      assert.ok(start >= 0, a)
      return [start, start + a.length] as const
    })
    for (const [s, e] of spans) {
      // no span starts or ends inside a word
      assert.ok(
        !/[\p{L}\p{N}]/u.test(text[s - 1] ?? ' ') || !/[\p{L}\p{N}]/u.test(text[s]),
        `${text}: starts inside a word at ${s}`,
      )
      assert.ok(
        !/[\p{L}\p{N}]/u.test(text[e] ?? ' ') || !/[\p{L}\p{N}]/u.test(text[e - 1]),
        `${text}: ends inside a word at ${e}`,
      )
      for (let i = s; i < e; i++) {
        masked++
        if (!allowedRanges.some(([as, ae]) => i >= as && i < ae)) outside++
      }
    }
    for (const [as, ae] of allowedRanges)
      for (let i = as; i < ae; i++)
        if (/[\p{L}\p{N}]/u.test(text[i]))
          assert.ok(
            spans.some(([s, e]) => i >= s && i < e),
            `${text}: ${text.slice(as, ae)} left visible`,
          )
  }
  assert.ok(masked > 0)
  assert.ok(outside / total <= 0.02, `${outside} of ${total} characters masked outside what the text names`)
})

test('a masked name takes its head noun or legal form, and an amount its currency code', () => {
  const text = 'He was held in Muret Prison, worked for Robert Bosch GmbH and paid PLN 11,305.5 in Kadıköy district.'
  const at = (needle: string): [number, number] => {
    const start = text.indexOf(needle)
    return [start, start + needle.length]
  }
  const show = ([s, e]: [number, number]) => text.slice(s, e)
  assert.equal(show(extendEdges(text, at('Muret'))), 'Muret Prison')
  assert.equal(show(extendEdges(text, at('Robert Bosch'))), 'Robert Bosch GmbH')
  assert.equal(show(extendEdges(text, at('11,305.5'))), 'PLN 11,305.5')
  assert.equal(show(extendEdges(text, at('Kadıköy'))), 'Kadıköy district')
  assert.equal(show(extendEdges(text, at('He'))), 'He', 'nothing to take')
})

test('a masked number takes its unit, currency and conversion; a date the part of the period before it', () => {
  const text =
    'He paid 100,000 euros (EUR) and 18.5% of 26 km/h, was sentenced to 1 year’s and 24 hours, ' +
    'at the end of October 1997, at the Bayonne Public Prosecutor’s Office, and 5 reasons.'
  const at = (needle: string): [number, number] => {
    const start = text.indexOf(needle)
    return [start, start + needle.length]
  }
  const show = ([s, e]: [number, number]) => text.slice(s, e)
  assert.equal(show(extendEdges(text, at('100,000'))), '100,000 euros (EUR)')
  assert.equal(show(extendEdges(text, at('18.5'))), '18.5%')
  assert.equal(show(extendEdges(text, at('26'))), '26 km/h')
  assert.equal(
    show(extendEdges(text, at('1 year').map((v, i) => (i === 1 ? v - 5 : v)) as [number, number])),
    '1 year’s',
  )
  assert.equal(show(extendEdges(text, at('24'))), '24 hours')
  const age = 'he was 63 years old.'
  assert.equal(age.slice(...extendEdges(age, [7, 9])), '63 years old')
  assert.equal(show(extendEdges(text, at('October 1997'))), 'end of October 1997')
  assert.equal(show(extendEdges(text, at('Bayonne Public'))), 'Bayonne Public Prosecutor’s Office')
  assert.equal(show(extendEdges(text, [text.indexOf('5 reasons'), text.indexOf('5 reasons') + 1])), '5', 'not a unit')
})

test('a masked text is masked wherever it recurs as a whole word, never inside another word', () => {
  const text = 'Kessler Farm was sold. Later Kessler Farm burnt; the Kessler Farmstead did not.'
  const first: [number, number] = [0, 'Kessler Farm'.length]
  const found = repeatOccurrences(text, [first]).map(([s, e]) => [s, text.slice(s, e)])
  assert.deepEqual(found, [
    [0, 'Kessler Farm'],
    [text.indexOf('Kessler Farm', 5), 'Kessler Farm'],
  ])
})

test('a generic body name masked once ("Court") is not masked at its other occurrences', () => {
  const text = 'The Muret Court heard it. The Court declared the application admissible.'
  const court = text.indexOf('Court')
  assert.deepEqual(repeatOccurrences(text, [[court, court + 'Court'.length]]), [])
  const muret = text.indexOf('Muret Court')
  assert.equal(repeatOccurrences(text, [[muret, muret + 'Muret Court'.length]]).length, 1, 'a named court still recurs')
})
