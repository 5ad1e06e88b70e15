import assert from 'node:assert/strict'
import { test } from 'node:test'
import { createPersonDescriptorRecognizer } from './person-descriptors.ts'

const found = (text: string): string[] =>
  createPersonDescriptorRecognizer()
    .analyze(text)
    .map((d) => text.slice(d.start, d.end))

test('occupations said of a person are found with their modifiers, not the words after them', () => {
  assert.deepEqual(found('From 1960 to 1979 she worked as a ballet dancer at the opera.'), ['ballet dancer'])
  assert.deepEqual(found('The applicant is a university professor at a state university.'), ['university professor'])
  assert.deepEqual(found('He began working as a watchman at the depot.'), ['watchman'])
  assert.deepEqual(found('The applicant was employed as an electrician in a factory.'), ['electrician'])
  assert.deepEqual(found('On 22 April 2000 the applicant, a lawyer and activist, was arrested.'), ['lawyer'])
})

test('health conditions said of a person are found; ordinary phrases are not', () => {
  assert.deepEqual(found('He had been suffering from paranoid schizophrenia since 2005.'), ['paranoid schizophrenia'])
  assert.deepEqual(found('She was diagnosed with epilepsy in 2019.'), ['epilepsy'])
  assert.deepEqual(found('The family was suffering from the effects of the move.'), [])
  assert.deepEqual(found('This is a matter for the court. It was a decision of the board.'), [])
  assert.deepEqual(found('The report was a summary of the review.'), [])
  // a diagnosis in a medical report, wherever it stands
  assert.deepEqual(found('There is mild gonarthrosis and degenerative discopathy at L5.'), [
    'gonarthrosis',
    'degenerative discopathy',
  ])
  assert.deepEqual(found('a fracture of the left kneecap in 1965'), ['fracture of the left kneecap'])
  assert.deepEqual(found('The diagnosis was discussed by the doctors.'), [])
})
