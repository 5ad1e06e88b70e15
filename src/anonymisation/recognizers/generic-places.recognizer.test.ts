// Table tests for the generic place-like recognizers: street addresses, street names, town names,
// named institutions, demographic terms and titled names.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createCasePlaceRecognizer } from './case-place.recognizer.ts'
import { createDemographicRecognizer } from './demographic.recognizer.ts'
import { createInstitutionRecognizer } from './institution.recognizer.ts'
import { createStreetAddressRecognizer } from './street-address.recognizer.ts'
import { createStreetNameRecognizer } from './street-name.recognizer.ts'
import { createTitleNameRecognizer } from './title-name.recognizer.ts'
import { createTownNameRecognizer } from './town-name.recognizer.ts'
import { assertRows } from './test-helpers.ts'

describe('street-address recognizer', () => {
  it('finds number + street with optional localities and postcode', () => {
    assertRows(createStreetAddressRecognizer(), [
      {
        text: 'her home at 14 Millrace Court, Tanners Row, Fenmoor FM2 3QH to the',
        expect: ['14 Millrace Court, Tanners Row, Fenmoor FM2 3QH'],
      },
      {
        text: 'lived at Flat 3, 61 Cobden Street, Ashby Cross FM5 2LW.',
        expect: ['Flat 3, 61 Cobden Street, Ashby Cross FM5 2LW'],
      },
      { text: 'police attended 14 Millrace Court after Chloe called', expect: ['14 Millrace Court'] },
      { text: 'there were 14 Children in the class', expect: [] },
      { text: 'aged 3 Years', expect: [] },
    ])
  })
})

describe('street-name recognizer', () => {
  it('finds capitalised street names without the sentence words before them', () => {
    assertRows(createStreetNameRecognizer(), [
      { text: 'outside the pub on Market Street, Fenmoor', expect: ['Market Street'] },
      { text: 'On Tanners Row the car stopped', expect: ['Tanners Row'] },
      { text: 'heard at Crown Court in May', expect: [], note: 'a court, not a street' },
    ])
  })
  it('reports a court of law named after its town as an organisation, not a street', () => {
    const recognizer = createStreetNameRecognizer()
    for (const [text, court] of [
      ['the Fenmoor District Court dismissed it', 'Fenmoor District Court'],
      ['On appeal the Wyncombe State Security Court', 'Wyncombe State Security Court'],
    ]) {
      const found = recognizer.analyze(text).map((d) => [d.entityType, text.slice(d.start, d.end)])
      assert.deepEqual(found, [['ORG', court]], text)
    }
    assert.deepEqual(recognizer.analyze('heard at Crown Court').length, 0, 'a national court is no place')
  })
  it('keeps a block of flats called a Court as a street', () => {
    assertRows(createStreetNameRecognizer(), [
      { text: 'she moved to Maple Court in May', expect: ['Maple Court'], note: 'a block of flats is a place' },
      { text: 'down the high street', expect: [] },
    ])
  })
})

describe('town-name recognizer', () => {
  it('finds place-like words after a locative preposition', () => {
    assertRows(createTownNameRecognizer(), [
      { text: 'She grew up in Wyncombe and moved to Easterholme.', expect: ['Wyncombe', 'Easterholme'] },
      { text: 'a flat in Ashby Cross', expect: ['Ashby'], note: 'the first word carries the place-name ending' },
      { text: 'in Sibling 1 notes', expect: [] },
      { text: 'Wyncombe is small', expect: [], note: 'needs "in", "at", "from" ...' },
    ])
  })
})

describe('institution recognizer', () => {
  it('finds named schools, practices, hospitals, nurseries, clubs and shops', () => {
    assertRows(createInstitutionRecognizer(), [
      { text: 'He attended Oakfield Primary School until 2022.', expect: ['Oakfield Primary School'] },
      { text: 'registered with Harrowgate Lane Medical Practice.', expect: ['Harrowgate Lane Medical Practice'] },
      { text: "transferred to St Aldric's Children's Hospital in", expect: ["St Aldric's Children's Hospital"] },
      { text: 'At Little Acorns Day Nursery the key person', expect: ['Little Acorns Day Nursery'] },
      { text: 'at The Lantern Youth Club on Friday', expect: ['Lantern Youth Club'] },
      { text: 'the General Hospital', expect: [], note: 'nothing distinctive' },
      { text: 'went to school and nursery', expect: [] },
    ])
  })
  it('reports the kind of institution as its value', () => {
    assert.equal(createInstitutionRecognizer().analyze('Oakfield Primary School')[0].value, 'primary school')
  })
})

describe('demographic recognizer', () => {
  it('finds nationality, ethnicity and religion terms with their broader term', () => {
    const r = createDemographicRecognizer()
    assertRows(r, [
      { text: 'The family are Pakistani and practising Muslims.', expect: ['Pakistani'] },
      { text: 'a Polish father and a mother of mixed heritage', expect: ['Polish', 'mixed heritage'] },
      { text: 'a Muslim family', expect: ['Muslim'] },
      { text: 'she polished the table', expect: [] },
    ])
    assert.equal(r.analyze('Pakistani')[0].value, 'South Asian')
    assert.ok(r.analyze('White British')[0].score < 0.4, 'a majority description scores low')
  })
})

describe('title-name recognizer', () => {
  it('finds names after a title or rank, leaving the possessive out', () => {
    assertRows(createTitleNameRecognizer(), [
      { text: "Mrs Smith's concern was noted", expect: ['Mrs Smith'] },
      { text: 'seen by Dr Ann Lee today', expect: ['Dr Ann Lee'] },
      { text: 'PC 4512 Okafor attended', expect: ['PC 4512 Okafor'] },
      { text: "Mr O'Neill said", expect: ["Mr O'Neill"] },
      { text: 'the Dr said', expect: [] },
    ])
  })
})

describe('case-place recognizer: house numbers', () => {
  it('takes a house number written before a listed street into the address', () => {
    const r = createCasePlaceRecognizer([
      { name: 'Gallows Hill Cottages', kind: 'street', expected_replacement: 'an address in the village' },
      { name: 'Lindale', kind: 'village' },
    ])
    const text =
      'Officers entered 2 Gallows Hill Cottages, Lindale, and later Flat 3, 61 Gallows Hill Cottages. In 2023 Lindale grew.'
    const found = r
      .analyze(text)
      .sort((a, b) => a.start - b.start)
      .map((d) => `${text.slice(d.start, d.end)}|${d.entityType}`)
    assert.deepEqual(found, [
      '2 Gallows Hill Cottages|ADDRESS',
      'Lindale|LOC',
      'Flat 3, 61 Gallows Hill Cottages|ADDRESS',
      'Lindale|LOC',
    ])
  })
})
