import assert from 'node:assert/strict'
import { test } from 'node:test'
import { PseudonymRegister, type CastMember } from '../../anonymisation/index.ts'
import { anonymiseWithDecisions } from './anonymisation-decisions.ts'
import { choosableWords, groupFindings, layoutDocument, SECTION_PARAGRAPHS } from './document-reading.ts'

const cast: CastMember[] = [{ id: 'mum', role: 'mother', full_name: 'Kerys Example', expected_pseudonym: 'Mother' }]
const decide = (text: string, decisions: Parameters<typeof anonymiseWithDecisions>[2] = []) =>
  anonymiseWithDecisions(text, { cast, places: [], register: new PseudonymRegister() }, decisions)

test('sections split at the shallowest heading used more than once; paragraphs numbered through the document', () => {
  const text = '# Title\n\nIntro by Kerys Example.\n\n## One\n\nA.\n\n### Sub\n\nB.\n\n## Two\n\nKerys Example rang.'
  const sections = layoutDocument(text, decide(text))
  assert.deepEqual(
    sections.map((s) => [s.title, s.paragraphs.map((p) => p.number)]),
    [
      ['Title', [1, 2]],
      ['One', [3, 4, 5, 6]],
      ['Two', [7, 8]],
    ],
  )
  const decided = decide(text)
  // the paragraph's place in the anonymised text is where its words are
  const last = sections[2].paragraphs[1]
  assert.equal(decided.text.slice(last.outStart, last.outEnd), 'The mother rang.')
  assert.deepEqual(last.replacements, [1])
})

test('a long stretch without headings is paged', () => {
  const text = Array.from({ length: SECTION_PARAGRAPHS + 5 }, (_, i) => `Paragraph ${i + 1}.`).join('\n\n')
  const sections = layoutDocument(text, decide(text))
  assert.deepEqual(
    sections.map((s) => [s.title, s.paragraphs.length]),
    [
      ['Opening', SECTION_PARAGRAPHS],
      ['Opening (continued)', 5],
    ],
  )
})

test('choosable words leave out the replaced ones', () => {
  const text = 'Kerys Example shopped at the Riverside Bakery.'
  const decided = decide(text)
  const [paragraph] = layoutDocument(text, decided)[0].paragraphs
  assert.deepEqual(
    choosableWords(text, paragraph, decided).map((w) => w.text),
    ['shopped', 'at', 'the', 'Riverside', 'Bakery'],
  )
})

test('identical findings are grouped once, with a count, their paragraphs and a quote', () => {
  const text = 'Kerys Example rang.\n\nNothing here.\n\nLater Kerys Example and Kerys Example met.'
  const decided = decide(text, [{ kind: 'reject', original: 'Kerys Example' }])
  const sections = layoutDocument(text, decided)
  const groups = groupFindings(decided.leaks, sections, decided.text)
  assert.equal(groups.length, 1)
  assert.equal(groups[0].count, 3)
  assert.deepEqual(groups[0].paragraphs, [1, 3])
  assert.deepEqual(groups[0].quote, { before: '', text: 'Kerys Example', after: ' rang.' })
})

test('a long section is split again at its sub-headings', () => {
  const episode = (n: number) =>
    `### Episode ${n}\n\n` + Array.from({ length: 6 }, (_, i) => `Text ${n}.${i}.`).join('\n\n')
  const text = `## One\n\nShort.\n\n## Two\n\nIntro.\n\n${episode(1)}\n\n${episode(2)}\n\n${episode(3)}\n\n## Three\n\nEnd.`
  const sections = layoutDocument(text, decide(text))
  assert.deepEqual(
    sections.map((s) => [s.number, s.title, s.paragraphs.length]),
    [
      [1, 'One', 2],
      [2, 'Two', 2],
      [3, 'Episode 1', 7],
      [4, 'Episode 2', 7],
      [5, 'Episode 3', 7],
      [6, 'Three', 2],
    ],
  )
  assert.ok(sections.every((s) => s.paragraphs.every((p) => p.section === s.number)))
})
