// Table tests for the reference-number recognizers: every style each one cites, embedded in
// sentences, and the look-alikes a case file is full of that must NOT match (dates, statute
// numbers, sums of money, times, phone numbers, years, hyphenated words).
import { describe, it } from 'node:test'
import { createCourtCaseNumberRecognizer } from './court-case-number.recognizer.ts'
import { createCustodyNumberRecognizer } from './custody-number.recognizer.ts'
import { createHospitalNumberRecognizer } from './hospital-number.recognizer.ts'
import { createIncidentReferenceRecognizer } from './incident-reference.recognizer.ts'
import { createLocalAuthorityReferenceRecognizer } from './local-authority-reference.recognizer.ts'
import { createMissingPersonReferenceRecognizer } from './missing-person-reference.recognizer.ts'
import { createPoliceReferenceRecognizer } from './police-reference.recognizer.ts'
import { createSegmentedReferenceRecognizer } from './segmented-reference.recognizer.ts'
import { createWarrantNumberRecognizer } from './warrant-number.recognizer.ts'
import { assertRows, type Row } from './test-helpers.ts'
import type { Recognizer } from '../types.ts'

// Look-alikes no reference recognizer may report.
const LOOK_ALIKES: Row[] = [
  { text: 'Seen on 03/04/2024 and again on 2024-04-03.', expect: [], note: 'dates' },
  { text: 'a strategy discussion under section 47 of the Children Act 1989', expect: [], note: 'statute' },
  { text: 'assessed under Children Act 1989 s.17 as a child in need', expect: [], note: 'statute' },
  { text: 'she had £1,200 in cash and £45.50 in change', expect: [], note: 'money' },
  { text: 'at 23:40 and again at 02:15', expect: [], note: 'times' },
  { text: 'call 07700 900655 or 0113 496 0558', expect: [], note: 'phones (their own recognizer)' },
  { text: 'the plan for 2023/24 and the years 2019-2020', expect: [], note: 'years' },
  { text: 'cross-border links, a 24/7 service and a one-to-one', expect: [], note: 'hyphenated words' },
  { text: 'Log in to the case file; the log was late', expect: [], note: 'the word log' },
  { text: 'Recommendation 4: the ICB should act', expect: [], note: 'numbered recommendation' },
  { text: 'a missing person report was made', expect: [], note: 'label without a code' },
  { text: 'paragraph 3.12 and Working Together 2023', expect: [], note: 'paragraph numbers' },
  { text: "before the child's 14th birthday, in case 12 of the list", expect: [], note: 'a label word and a number' },
  { text: 'Protocol No. 11 and Articles 8 and 14, Law no. 4210', expect: [], note: 'legal citations' },
]

function withLookAlikes(recognizer: Recognizer, rows: Row[]): void {
  assertRows(recognizer, [...rows, ...LOOK_ALIKES])
}

describe('police-reference recognizer (crime references)', () => {
  it('finds crime references in the styles forces use', () => {
    withLookAlikes(createPoliceReferenceRecognizer(), [
      { text: 'crime reference 14/MB/004512 was raised', expect: ['14/MB/004512'] },
      { text: 'recorded as 22/SK/017733 (PWITS)', expect: ['22/SK/017733'] },
      { text: '14/03/2021,22:05,MP/21/031877,Domestic', expect: ['MP/21/031877'] },
      { text: 'crime ref 12/34567/23 was given', expect: ['12/34567/23'] },
      { text: 'a second reference, CRN 2023/08817, for the notice', expect: ['2023/08817'] },
      { text: 'CRN 2023/0451', expect: ['2023/0451'] },
      { text: 'URN: 44XY1234523 at court', expect: ['44XY1234523'] },
      { text: 'the case was open', expect: [] },
      { text: 'crime ref 14 MB 004512 was raised', expect: ['14 MB 004512'], note: 'written with spaces' },
      { text: 'recorded as MP 21 031877 by control', expect: ['MP 21 031877'] },
      { text: 'URN 44XY1234523 44XY1234524 at court', expect: ['44XY1234523 44XY1234524'], note: 'no comma' },
      { text: 'crime refs 1234/23 and 5678/23 were linked', expect: ['1234/23 and 5678/23'] },
      { text: 'CRN 2023/0451 and 2024 and 03/04/2024', expect: ['2023/0451'], note: 'a year or date after it stays' },
    ])
  })
})

describe('incident-reference recognizer', () => {
  it('finds log and incident numbers, not the date after them', () => {
    withLookAlikes(createIncidentReferenceRecognizer(), [
      { text: 'logged as Log 0412 of 03/04/2024 by control', expect: ['0412'] },
      { text: 'Log 1187 of 14/09/2023', expect: ['1187'] },
      { text: 'the incident was INC-20231003-0417.', expect: ['INC-20231003-0417'] },
      { text: 'log number: INC-2023-0042 raised', expect: ['INC-2023-0042'] },
      { text: 'CAD 4471 of 12 February', expect: ['4471'] },
      { text: 'incident number 230415-0093', expect: ['230415-0093'] },
      { text: 'log 2023 entries', expect: [], note: 'a year is not a reference' },
    ])
  })
})

describe('missing-person-reference recognizer', () => {
  it('finds MISPER and missing-from-home references', () => {
    withLookAlikes(createMissingPersonReferenceRecognizer(), [
      { text: 'a report was raised, MISPER 23/0451.', expect: ['23/0451'] },
      { text: 'MISPER 24/0107, Log 2206', expect: ['24/0107'] },
      { text: 'MisPer ref: 23-1190', expect: ['23-1190'] },
      { text: 'MFH 0451/23 closed', expect: ['0451/23'] },
      { text: 'missing person report 24-0107 was graded high', expect: ['24-0107'] },
      { text: 'the MISPER of 05/02/2024', expect: [], note: 'a date after the label' },
    ])
  })
})

describe('custody-number recognizer', () => {
  it('finds custody record numbers', () => {
    withLookAlikes(createCustodyNumberRecognizer(), [
      { text: 'custody number SKB/04417/23.', expect: ['SKB/04417/23'] },
      { text: 'held on CU/004512/23 overnight', expect: ['CU/004512/23'] },
      { text: 'custody record no. 44CU118-23', expect: ['44CU118-23'] },
      { text: 'released from custody on 5 October', expect: [] },
    ])
  })
})

describe('court-case-number recognizer', () => {
  it('finds family and Crown Court case numbers', () => {
    withLookAlikes(createCourtCaseNumberRecognizer(), [
      { text: 'The family court case number is ZK23C00614, listed', expect: ['ZK23C00614'] },
      { text: 'MK23C00451 and MK23P00452', expect: ['MK23C00451', 'MK23P00452'] },
      { text: 'sent to the Crown Court, T20237001.', expect: ['T20237001'] },
      { text: 'case number T20237119', expect: ['T20237119'] },
      { text: 'the court case number: 2204-551', expect: ['2204-551'] },
      { text: 'the court case was adjourned', expect: [] },
    ])
  })
})

describe('warrant-number recognizer', () => {
  it('finds warrant numbers, not the word warrant', () => {
    withLookAlikes(createWarrantNumberRecognizer(), [
      { text: 'A warrant (warrant no. W/2023/5531) was executed', expect: ['W/2023/5531'] },
      { text: 'under W-2024-0388 at 06:10', expect: ['W-2024-0388'] },
      { text: 'warrant number 2291/23', expect: ['2291/23'] },
      { text: 'a warrant 2 weeks later', expect: [] },
      { text: 'the warrant of 21/11/2023', expect: [] },
    ])
  })
})

describe('local-authority-reference recognizer', () => {
  it('finds case and client numbers after the labels councils use', () => {
    withLookAlikes(createLocalAuthorityReferenceRecognizer(), [
      { text: 'Access Team on 15 September 2023, LA ref 778145.', expect: ['778145'] },
      { text: 'opened on Mosaic (Mosaic ID 1049982) only later', expect: ['1049982'] },
      { text: "Kai's Mosaic no. 1049987", expect: ['1049987'] },
      { text: 'old Liquidlogic record (LCS client no. 204771)', expect: ['204771'] },
      { text: 'Liquidlogic ref CL-204771', expect: ['CL-204771'] },
      { text: 'the youth justice case reference is YJ/CW/2024/0031.', expect: ['YJ/CW/2024/0031'] },
      { text: 'client number: 55123', expect: ['55123'] },
      { text: 'the LA has 12 social workers', expect: [], note: 'a count, not a reference' },
      { text: 'a Mosaic record was opened', expect: [] },
    ])
  })
})

describe('hospital-number recognizer', () => {
  it('finds hospital numbers with and without labels', () => {
    withLookAlikes(createHospitalNumberRecognizer(), [
      { text: 'Her hospital number is RX4401927.', expect: ['RX4401927'] },
      { text: 'MRN RX1234567', expect: ['RX1234567'] },
      { text: 'The MRN on the letter is MRN 20448193.', expect: ['20448193'] },
      { text: 'unit no. K1234567', expect: ['K1234567'] },
      { text: 'hospital no: 2044 8193', expect: ['2044 8193'] },
      { text: 'the hospital was busy', expect: [] },
      { text: 'NI number QQ 48 22 91 C', expect: [], note: 'an NI number has its own recognizer' },
    ])
  })
})

describe('segmented-reference recognizer', () => {
  it('finds coded references of several parts and nothing else', () => {
    withLookAlikes(createSegmentedReferenceRecognizer(), [
      { text: 'ref YJ/CW/2024/0031 and EH-CW-2231.', expect: ['YJ/CW/2024/0031', 'EH-CW-2231'] },
      { text: 'under W/2024/0388 at dawn', expect: ['W/2024/0388'] },
      { text: 'known as T-Mac on the estate', expect: [] },
      { text: 'the A-B-C model and COVID-19', expect: [] },
    ])
  })
})
