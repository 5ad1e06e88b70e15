import assert from 'node:assert/strict'
import { test } from 'node:test'
import { anonymousAreaWords, themeNatureProblem, themesForNature } from './ingest-checks.ts'
import { suggestMetadata, suggestNature, suggestTitle, suggestYear } from './suggest-metadata.ts'

test('a title comes from the first heading, never from a file name or a bare word', () => {
  assert.equal(
    suggestTitle('publication.pdf\npublication\nSerious Case Review: Child T\nText.'),
    'Serious Case Review: Child T',
  )
  assert.equal(suggestTitle('publication\nreport.docx\n'), null)
})

test('a child who survived is serious harm and never gets "Homicide" suggested', () => {
  const text =
    'Child S was seriously injured and survived. Her father had been convicted of murder and manslaughter after a homicide; he had killed his rival.'
  assert.equal(suggestNature(text), 'serious_harm')
  assert.equal(suggestNature('Child D died in hospital.'), 'death')
  const s = suggestMetadata(text)
  assert.equal(s.natureOfIncident, 'serious_harm')
  assert.ok(!s.themes.some((t) => t.theme === 'homicide'))
  assert.deepEqual(
    themesForNature([{ theme: 'homicide' }, { theme: 'neglect' }], 'death').map((t) => t.theme),
    ['homicide', 'neglect'],
  )
  assert.match(themeNatureProblem(['homicide'], 'serious_harm') ?? '', /A child who survived/)
  assert.equal(themeNatureProblem(['homicide'], 'death'), null)
})

test('the Anonymous check finds the area, partnership and region in any capitals', () => {
  const names = { area: 'Marlshire', partnership: 'Marlshire Safeguarding Children Partnership', region: 'South West' }
  assert.deepEqual(anonymousAreaWords('In MARLSHIRE, the south west team met.', names), ['MARLSHIRE', 'south west'])
  assert.deepEqual(anonymousAreaWords('Child R was seriously injured at home.', names), [])
})

test('the year is the stated or title-page date, not a later target date of a recommendation', () => {
  const now = new Date('2026-12-01T00:00:00Z')
  assert.equal(suggestYear('Serious Case Review: Child T\nJune 2022\nChild T was born in 2019.', now), 2022)
  const later = 'x'.repeat(700) + ' The partnership should act by March 2025.'
  assert.equal(suggestYear('Serious Case Review: Child T\nJune 2022\n' + later, now), 2022)
  assert.equal(suggestYear('Nothing dated here.', now), null)
  assert.equal(suggestYear('Events of 2018 and 2021.', now), 2021)
})
