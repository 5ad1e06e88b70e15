import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { test } from 'node:test'
import { parse } from 'csv-parse/sync'
import type { CastMember } from '../../anonymisation/case-types.ts'
import { sharedDataPath } from '../../shared-data.ts'
import { toCsv } from '../export/spreadsheet-escape.ts'
import { validateEntry } from './chronology-entry.ts'
import { previewCsvImport } from './chronology-import-csv.ts'
import { createPeopleMatcher, splitPeople } from './people-links.ts'

const cast = JSON.parse(readFileSync(sharedDataPath('demo-case', 'cast.json'), 'utf8')) as CastMember[]
const matcher = createPeopleMatcher(cast)
const match = (text: string) => matcher.match(splitPeople(text))

test('names in every written form, role words and pseudonyms name the right people in the case', () => {
  assert.deepEqual(match('Chloe Callaway'), ['mother'], 'a misspelt surname')
  assert.deepEqual(match('Harley Calloway; Chloe Calloway; Ryan Ashworth'), ['mother', 'sibling_1', 'father'])
  assert.deepEqual(match("Chloe Calloway; male introduced as 'Dean, my partner'"), ['mother', 'partner'])
  assert.deepEqual(match('Dean HOLLIS'), ['partner'], 'any letter case')
  assert.deepEqual(match('Harley Brennan'), ['sibling_1'], 'another name, not the other Brennan')
  assert.deepEqual(match('Mother'), ['mother'], 'a role')
  assert.deepEqual(match('Child M'), ['child_m'], 'a pseudonym')
  assert.deepEqual(match('Alison Pembury'), ['reviewer'], 'a published (retained) name is still linked')
})

test('a role several people share, and unknown people, name nobody', () => {
  assert.deepEqual(match('Health visitor'), [])
  assert.deepEqual(match('Police officer'), [])
  assert.deepEqual(match('Duty social worker; unknown male'), [])
  assert.deepEqual(createPeopleMatcher([]).match(['Chloe Calloway']), [])
})

test('the demo chronologies: people involved are linked to the demo cast', (t) => {
  const folder = sharedDataPath('demo-case', 'chronologies')
  let texts = 0
  let linked = 0
  for (const file of readdirSync(folder)) {
    const rows = parse(readFileSync(`${folder}/${file}`), { columns: true, bom: true }) as Array<Record<string, string>>
    for (const row of rows) {
      const text = row.people_involved?.trim()
      if (!text) continue
      texts++
      const ids = match(text)
      if (ids.length) linked++
      // Whoever the text names by given name is among the people linked.
      if (/\bChloe\b/.test(text)) assert.ok(ids.includes('mother'), `${file}: ${text}`)
      if (/\bHarley\b/.test(text)) assert.ok(ids.includes('sibling_1'), `${file}: ${text}`)
      if (/\bMaisie\b/.test(text)) assert.ok(ids.includes('child_m'), `${file}: ${text}`)
    }
  }
  t.diagnostic(`${linked} of ${texts} people-involved texts linked to someone in the case`)
  assert.ok(texts > 200, `${texts} people-involved texts`)
  assert.ok(linked / texts > 0.9, `${linked} of ${texts} texts linked to someone`)
})

test('an imported entry and a typed entry name the same people for the same text', async () => {
  const texts = [
    'Harley Calloway; Chloe Calloway',
    'Chloe Calloway, Harley Calloway',
    "Chloe Calloway; male introduced as 'Dean, my partner'",
    'Mother (Chloe, 24), Father',
    'Chloe Calloway\nRyan Ashworth;  ',
  ]
  const csv = toCsv(
    ['date', 'event', 'people_involved'],
    texts.map((people, i) => [`0${i + 1}/03/2021`, 'Home visit', people]),
  )
  const preview = await previewCsvImport(Buffer.from(csv), { defaultAgency: 'Marlshire Police' })
  const imported = preview.rows.map((row) => row.entry!.peopleInvolved)
  const typed = texts.map(
    (people, i) =>
      validateEntry(
        {
          date: `2021-03-0${i + 1}`,
          time: '',
          sourceRecord: '',
          practitionerRole: '',
          peopleInvolved: people,
          event: 'Home visit',
          actionTaken: '',
          outcome: '',
          significance: '',
        },
        'Marlshire Police',
      ).peopleInvolved,
  )
  assert.deepEqual(imported, typed)
  assert.deepEqual(typed, [
    ['Harley Calloway', 'Chloe Calloway'],
    ['Chloe Calloway', 'Harley Calloway'],
    ['Chloe Calloway', "male introduced as 'Dean, my partner'"],
    ['Mother (Chloe, 24)', 'Father'],
    ['Chloe Calloway', 'Ryan Ashworth'],
  ])
})
