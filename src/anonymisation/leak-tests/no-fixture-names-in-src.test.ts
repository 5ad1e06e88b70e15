import assert from 'node:assert/strict'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import type { CastMember, Place } from '../case-types.ts'
import { sharedDataDir } from '../../shared-data.ts'
import { NAME_LIKE_WORDS } from '../lexicon/common-words.lexicon.ts'
import { isKnownGivenName } from '../lexicon/name-diminutives.lexicon.ts'
import { parseFullName } from '../recognizers/cast-name.recognizer.ts'
import { bareName } from '../recognizers/cast-notes.ts'
import { flexibleWordsSource } from '../text-utils.ts'

// The product must work on names it has never seen: no source file may name a person or place of a
// fixture case, or a leak test would partly measure a list written for it. Test files may (they
// hold the fixtures' expectations); product code, lexicons, views and page hints may not.
const SRC = fileURLToPath(new URL('../../', import.meta.url))
const REPO = fileURLToPath(new URL('../../../', import.meta.url))

function fixtureDirs(): string[] {
  const dirs: string[] = []
  try {
    dirs.push(join(sharedDataDir(), 'demo-case'))
  } catch {
    // the shared data is not installed here: the invented cases in test/fixtures still count
  }
  const own = join(REPO, 'test', 'fixtures', 'anonymisation')
  if (existsSync(own)) for (const d of readdirSync(own)) dirs.push(join(own, d))
  return dirs.filter((d) => existsSync(join(d, 'cast.json')))
}

/**
 * What would give a fixture away if the product named it: each person's name as written (first name
 * and surname together, "Maisie Calloway"), each surname or other name that is not also an everyday
 * given name, and each non-retained place name ("Fenmoor", "Millrace Court"). Everyday given names
 * on their own ("Sarah", "Thomas") may appear in a general list of names; a fixture's surname, full
 * name or place may not.
 */
function fixtureNames(): Map<string, string> {
  const names = new Map<string, string>()
  for (const dir of fixtureDirs()) {
    const where = dir.split('/').pop() ?? dir
    const cast = JSON.parse(readFileSync(join(dir, 'cast.json'), 'utf8')) as CastMember[]
    const places = existsSync(join(dir, 'places.json'))
      ? (JSON.parse(readFileSync(join(dir, 'places.json'), 'utf8')) as Place[])
      : []
    for (const m of cast.filter((x) => !x.retain)) {
      for (const raw of [m.full_name, ...(m.other_names ?? [])]) {
        const name = bareName(raw)
        const parsed = parseFullName(name)
        const first = parsed.given[0]
        const surname = parsed.surname[0]
        if (first && surname) names.set(`${first} ${surname}`, `${where}: ${name}`)
        // a surname that is also an ordinary word or a common given name is not distinctive on its own
        for (const part of (surname ?? '').split('-'))
          if (part.length >= 4 && !NAME_LIKE_WORDS.has(part.toLowerCase()) && !isKnownGivenName(part))
            names.set(part, `${where}: ${name}`)
      }
    }
    for (const p of places.filter((x) => !x.retain)) names.set(p.name, `${where}: ${p.name}`)
  }
  return names
}

function sourceFiles(dir: string): string[] {
  const out: string[] = []
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry)
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path))
    else if (/\.(ts|njk|js)$/.test(entry) && !/\.test\.ts$|test-fixtures\.ts$|test-helpers\.ts$/.test(entry))
      out.push(path)
  }
  return out
}

// Files outside this branch's area that still use fixture names as examples or data, with the area
// that owns them; each is to be cleaned there (issue 13). Nothing may be added to this list.
const OWNED_ELSEWHERE: ReadonlyMap<string, string> = new Map([
  ['db/seed/demo-reviews.ts', 'DEMO (the demo seed)'],
])

describe('no fixture names in the product', () => {
  it('no file in src/ names a person or place of a fixture case', () => {
    const words = fixtureNames()
    assert.ok(words.size > 20, 'the fixtures were read')
    // An exception for a file that no longer exists would hide nothing but still read as permission.
    for (const file of OWNED_ELSEWHERE.keys()) assert.ok(existsSync(join(SRC, file)), `${file} is listed but gone`)
    const found: string[] = []
    for (const file of sourceFiles(SRC)) {
      if (OWNED_ELSEWHERE.has(file.slice(SRC.length))) continue
      const text = readFileSync(file, 'utf8')
      for (const [word, from] of words)
        if (new RegExp(`(?<![A-Za-z])${flexibleWordsSource(word)}(?![A-Za-z])`).test(text))
          found.push(`${file.slice(SRC.length)}: ${word} (${from})`)
    }
    assert.deepEqual(found, [])
  })
})
