// Table tests for the small code-like recognizers: NI numbers, e-mail, URLs, police references,
// collar numbers, vehicle registrations and social media handles.
import { describe, it } from 'node:test'
import { createCollarNumberRecognizer } from './collar-number.recognizer.ts'
import { createEmailRecognizer } from './email.recognizer.ts'
import { createNiNumberRecognizer } from './ni-number.recognizer.ts'
import { createPoliceReferenceRecognizer } from './police-reference.recognizer.ts'
import { createSocialHandleRecognizer } from './social-handle.recognizer.ts'
import { createUrlRecognizer } from './url.recognizer.ts'
import { createVehicleRegistrationRecognizer } from './vehicle-registration.recognizer.ts'
import { assertRows } from './test-helpers.ts'

describe('ni-number recognizer', () => {
  it('finds NI numbers with or without spaces; rejects invalid prefixes, suffixes and lengths', () => {
    assertRows(createNiNumberRecognizer(), [
      { text: 'Her NI number, AB 12 34 56 C, is on file', expect: ['AB 12 34 56 C'] },
      { text: 'NINO JT123456A.', expect: ['JT123456A'] },
      { text: 'example QQ 12 34 56 C', expect: ['QQ 12 34 56 C'], note: 'unallocated prefix, lower score' },
      { text: 'AB 12 34 56 E', expect: [], note: 'suffix must be A-D' },
      { text: 'AB 12 34 5 C', expect: [], note: 'five digits' },
      { text: 'XAB123456C', expect: [], note: 'word boundary' },
    ])
  })
})

describe('email recognizer', () => {
  it('finds addresses, not handles or sentence punctuation', () => {
    assertRows(createEmailRecognizer(), [
      { text: 'sent to hannah.greaves@marlshire.gov.uk, an inbox', expect: ['hannah.greaves@marlshire.gov.uk'] },
      { text: 'write to chloecalloway01@example.com.', expect: ['chloecalloway01@example.com'] },
      { text: 'posted as @natecoop90', expect: [] },
      { text: 'not an address: name@localhost', expect: [] },
    ])
  })
})

describe('url recognizer', () => {
  it('finds web addresses without trailing punctuation', () => {
    assertRows(createUrlRecognizer(), [
      { text: 'see https://example.org/page?id=3.', expect: ['https://example.org/page?id=3'] },
      { text: '(www.example.com)', expect: ['www.example.com'] },
      { text: 'the world wide web', expect: [] },
    ])
  })
})

describe('police-reference recognizer', () => {
  it('finds occurrence numbers and labelled references', () => {
    assertRows(createPoliceReferenceRecognizer(), [
      { text: '14/03/2021,22:05,MP/21/031877,Domestic', expect: ['MP/21/031877'] },
      { text: 'crime ref 12/34567/23 was given', expect: ['12/34567/23'] },
      // log and incident numbers moved to their own recognizer (reference-numbers.recognizer.test.ts)
      { text: 'CAD 4471 of 12 February', expect: [] },
      { text: 'the case was open', expect: [] },
      { text: 'log 2023 entries', expect: [], note: 'a year is not a reference' },
    ])
  })
})

describe('collar-number recognizer', () => {
  it('finds rank + number, also beside a pseudonym', () => {
    assertRows(createCollarNumberRecognizer(), [
      { text: 'PC 2291 Jennings attended', expect: ['PC 2291'] },
      { text: 'PC 2291 Police Officer 1 attended', expect: ['PC 2291'] },
      { text: 'Sgt 402 and DS 1187', expect: ['Sgt 402', 'DS 1187'] },
      { text: 'PC Jennings attended', expect: [] },
      { text: 'the PC was 2291 metres away', expect: [] },
    ])
  })
})

describe('vehicle-registration recognizer', () => {
  it('finds current plates anywhere and older plates beside vehicle words', () => {
    assertRows(createVehicleRegistrationRecognizer(), [
      { text: 'a silver Focus, RV19 KTD, outside', expect: ['RV19 KTD'] },
      { text: 'plate RV19KTD', expect: ['RV19KTD'] },
      { text: 'his car, registration P123 ABC, was seen', expect: ['P123 ABC'] },
      { text: 'the form P123 ABC was used', expect: [], note: 'older format needs a vehicle word' },
      { text: 'postcode FM2 3QH', expect: [] },
    ])
  })
})

describe('social-handle recognizer', () => {
  it('finds @handles and user names after a platform', () => {
    assertRows(createSocialHandleRecognizer(), [
      { text: 'posted as @natecoop90.', expect: ['@natecoop90'] },
      { text: 'Snapchat: lil_dee99 sent', expect: ['lil_dee99'] },
      { text: 'her TikTok username was dancequeen', expect: ['dancequeen'] },
      { text: 'email name@example.com', expect: [] },
      { text: 'a Facebook friend', expect: [] },
    ])
  })
})
