import assert from 'node:assert/strict'
import { test } from 'node:test'
import { DEFAULT_CLOCKS, type ClockDefinition } from '../clocks/clock.ts'
import {
  ageBandAt,
  areaName,
  earliestPublicationDate,
  ethnicGroupFacet,
  panelNoticeClock,
  parseKeywords,
  progressOf,
  sexFacet,
  stepProblems,
  type StepContext,
  type StepRecord,
} from './publication.ts'

const at = (position: number, step: StepRecord['step'], happenedOn = '2026-11-02'): StepRecord => ({
  position,
  step,
  happenedOn,
  how: null,
  note: '',
  recordedBy: 'u',
  recordedByName: 'A Person',
  outcome: null,
  outcomeDetail: null,
  recordedAt: `${happenedOn}T10:00:00Z`,
})

const ready: StepContext = {
  today: '2026-11-26',
  documents: [
    { kind: 'overview_report', title: 'O', latestVersion: 3, anonymisedAndCurrent: true, problem: null },
    { kind: 'executive_summary', title: 'E', latestVersion: 2, anonymisedAndCurrent: true, problem: null },
  ],
  embargoReason: null,
  earliestPublication: null,
}

test('progress: the next step is the first not done; a decision not to publish stands until reversed', () => {
  assert.equal(progressOf([]).next, 'panel_agreed')
  const records = [at(2, 'signed_off'), at(1, 'panel_agreed'), at(3, 'not_publishing')]
  assert.equal(progressOf(records).next, 'family_informed')
  assert.equal(progressOf(records).stoppedBy?.position, 3)
  assert.equal(progressOf([...records, at(4, 'not_publishing_reversed')]).stoppedBy, null)
})

test('guards: order, twice, and each step’s own condition', () => {
  const none = progressOf([])
  assert.deepEqual(stepProblems(none, 'panel_agreed', ready), [])
  assert.match(stepProblems(none, 'published', ready)[0], /^Record “The review panel agrees the draft” first/)
  const all = progressOf(
    ['panel_agreed', 'signed_off', 'family_informed', 'anonymised', 'sent_to_panel', 'embargo_cleared', 'approved'].map(
      (s, i) => at(i + 1, s as StepRecord['step']),
    ),
  )
  assert.deepEqual(stepProblems(all, 'published', { ...ready, earliestPublication: '2026-11-26' }), [])
  assert.deepEqual(stepProblems(all, 'published', { ...ready, earliestPublication: '2026-11-27' }), [
    'The report cannot be published before 27 November 2026: the national Panel must have it in advance',
  ])
  assert.match(stepProblems(all, 'approved', ready)[0], /was already recorded on 2 November 2026 by A Person$/)
})

test('the Panel’s notice: 5 working days after sending by default, or the partnership’s own clock', () => {
  const clock = panelNoticeClock([])
  assert.equal(clock.key, 'panel_notice_before_publication')
  // Friday 1 May 2026 → the early May bank holiday (Monday 4 May) is skipped.
  assert.equal(earliestPublicationDate('2026-05-01', clock), '2026-05-11')
  const ten: ClockDefinition = { ...DEFAULT_CLOCKS[4], length: { amount: 10, unit: 'working_days' } }
  assert.equal(earliestPublicationDate('2026-11-02', panelNoticeClock([DEFAULT_CLOCKS[0], ten])), '2026-11-16')
})

test('facets: age band at the incident, sex and broad ethnic group', () => {
  const table: Array<[string | null, string | null, boolean, string | null]> = [
    ['2023-06-14', '2024-03-18', false, 'under_1'],
    ['2023-03-18', '2024-03-18', false, '1_4'],
    ['2023-03-19', '2024-03-18', false, 'under_1'],
    ['2019-01-01', '2024-03-18', false, '5_9'],
    ['2010-01-01', '2024-03-18', false, '10_15'],
    ['2007-01-01', '2024-03-18', false, '16_17'],
    ['2004-01-01', '2024-03-18', true, 'care_leaver_18_24'],
    ['2004-01-01', '2024-03-18', false, null],
    [null, '2024-03-18', false, null],
    ['2025-01-01', '2024-03-18', false, null],
  ]
  for (const [born, on, lookedAfter, band] of table) {
    assert.equal(ageBandAt(born, on, lookedAfter), band, `${born} at ${on}`)
  }
  assert.equal(sexFacet('female'), 'female')
  assert.equal(sexFacet('not_known'), 'not_stated')
  assert.equal(sexFacet(null), 'not_stated')
  assert.equal(ethnicGroupFacet('mixed'), 'mixed')
  assert.equal(ethnicGroupFacet('not_known'), 'not_stated')
})

test('area names and keywords', () => {
  assert.equal(areaName('Marlshire Safeguarding Children Partnership'), 'Marlshire')
  assert.equal(areaName('Westshire Children’s Safeguarding Partnership'), 'Westshire')
  assert.equal(areaName('Eastshire Partnership'), 'Eastshire')
  assert.equal(areaName('Partnership'), 'Partnership')
  assert.deepEqual(parseKeywords(' head injury, bruising;  head injury ,\n, non-mobile   baby '), [
    'head injury',
    'bruising',
    'non-mobile baby',
  ])
})
