import { sharedDataPath } from '../../shared-data.ts'
import { pathToFileURL } from 'node:url'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { anonymiseDocument, checkForLeaks, createAnalyzer, PseudonymRegister } from '../index.ts'
import type { CastMember, Place } from '../case-types.ts'
import { remainingParts, type ExpectedSpan } from './leak-assertions.ts'
import { EntityTagger } from '../model/entity-tagger.ts'
import { createModelNameRecognizer, reviewLabelWords } from '../model/model-name.recognizer.ts'

// The demo case lives in the shared data folder beside the repository (synthetic, see its README).
const DIR = pathToFileURL(sharedDataPath('demo-case') + '/')
const read = (name: string): string => readFileSync(new URL(name, DIR), 'utf8')
const cast = JSON.parse(read('cast.json')) as CastMember[]
const places = JSON.parse(read('places.json')) as Place[]
const expected = JSON.parse(read('expected-identifiers.json')) as Array<
  ExpectedSpan & { file: string; start: number; end: number }
>
const variantsSeen = JSON.parse(read('variants-seen.json')) as Record<string, string[]>

const FILES = ['overview-report-draft.md', 'executive-summary-draft.md']
const register = new PseudonymRegister()
const results = new Map(FILES.map((f) => [f, anonymiseDocument(read(f), { cast, places, register })]))

// The same documents with the shipped statistical model as an extra recognizer, as `case-review
// anonymise` runs by default.
const tagger = EntityTagger.fromJSON(
  JSON.parse(readFileSync(new URL('../../../models/entity-tagger.json', import.meta.url), 'utf8')),
)
const modelRegister = new PseudonymRegister()
modelRegister.assignCast(cast)
const modelRecognizer = createModelNameRecognizer(tagger, {
  isLabelWord: reviewLabelWords(
    cast.map((m) => m.role),
    () => modelRegister.entries().map((e) => e.label),
  ),
})
const withModel = new Map(
  FILES.map((f) => [
    f,
    anonymiseDocument(read(f), { cast, places, register: modelRegister, recognizers: [modelRecognizer] }),
  ]),
)

describe('demo case "Child M": leak test', () => {
  for (const file of FILES) {
    it(`leaves none of the expected identifier spans in ${file}`, () => {
      const out = results.get(file)!.text
      const spans = expected.filter((s) => s.file === file)
      assert.ok(spans.length > 50, 'the fixture has spans for this file')
      const left = spans
        .map((s) => ({ span: s.text, type: s.type, parts: remainingParts(s, out) }))
        .filter((x) => x.parts.length)
      assert.deepEqual(left, [])
    })

    it(`passes the leak gate for ${file}`, () => {
      assert.deepEqual(
        results.get(file)!.leaks.map((l) => `${l.entityType} ${l.reason}`),
        [],
      )
      // the gate run on its own gives the same verdict
      assert.equal(checkForLeaks(results.get(file)!.text, cast, places).length, 0)
    })

    it(`${file} still reads: pseudonyms, roles and retained names present`, () => {
      const out = results.get(file)!.text
      // role labels read as nouns mid-sentence ("the maternal grandmother"): compared without case
      for (const s of ['Child M', "Mother's partner", 'Sibling 1', 'Maternal grandmother', 'Father'])
        assert.ok(out.toLowerCase().includes(s.toLowerCase()), s)
      assert.ok(out.includes('Alison Pembury'), 'the independent reviewer is retained')
      assert.ok(out.includes('Marlshire Safeguarding Children Partnership'), 'the partnership is retained')
      assert.ok(out.includes('Marlshire Police'), 'agency names built on the county are retained')
      assert.ok(/\bChild M's\b/.test(out), 'possessives keep their grammar')
      assert.ok(/\b(?:in|In) March 2024\b/.test(out), 'exact dates become month and year')
    })
  }

  for (const file of FILES) {
    it(`with the statistical model too: no expected span left, leak gate clean, text unchanged in ${file}`, () => {
      const result = withModel.get(file)!
      const left = expected
        .filter((s) => s.file === file)
        .filter((s) => remainingParts(s, result.text).length > 0)
        .map((s) => s.text)
      assert.deepEqual(left, [])
      assert.deepEqual(
        result.leaks.map((l) => `${l.entityType} ${l.reason}`),
        [],
      )
      // every name in the demo case is in the cast: the model must not replace headings or roles
      assert.equal(result.text, results.get(file)!.text)
    })
  }

  it('gives the same person the same label in both documents', () => {
    const overview = results.get('overview-report-draft.md')!.replacements
    const summary = results.get('executive-summary-draft.md')!.replacements
    for (const id of ['child_m', 'mother', 'partner', 'father']) {
      // the register's label: the words in the sentence vary ("the mother", "her mother")
      const a = new Set(overview.filter((r) => r.castId === id && r.entityType === 'PERSON').map((r) => r.label))
      const b = new Set(summary.filter((r) => r.castId === id && r.entityType === 'PERSON').map((r) => r.label))
      assert.equal(a.size, 1, id)
      assert.deepEqual([...b], [...a], id)
    }
  })

  it('finds every variant practitioners wrote (variants-seen.json) on its own, from the cast alone', () => {
    const analyzer = createAnalyzer({ cast, places })
    const missed: string[] = []
    for (const [castId, variants] of Object.entries(variantsSeen)) {
      for (const v of variants) {
        const sentence = `The worker later spoke to ${v} about the visit.`
        const start = sentence.indexOf(v)
        const { detections } = analyzer.analyze(sentence)
        const hit = detections.find((d) => d.entityType === 'PERSON' && d.start <= start && d.end >= start + v.length)
        if (!hit || !hit.castId) missed.push(`${castId}: ${v}`)
        // a multi-word form names one person unambiguously
        else if (/\s/.test(v) && hit.castId !== castId) missed.push(`${castId}: ${v} (attributed to ${hit.castId})`)
        if (checkForLeaks(sentence, cast, places).length === 0) missed.push(`${castId}: ${v} (leak gate)`)
      }
    }
    assert.deepEqual(missed, [])
  })

  it('replaces only whole words: no replacement starts or ends inside a word', () => {
    for (const [file, result] of [...results, ...withModel]) {
      const text = read(file)
      const inside = result.replacements
        .filter((r) => /\w/.test(text[r.start - 1] ?? '') || /\w/.test(text[r.end] ?? ''))
        .map((r) => `${text.slice(r.start - 10, r.start)}[${r.original}]${text.slice(r.end, r.end + 10)}`)
      assert.deepEqual(inside, [], file)
    }
  })
})
