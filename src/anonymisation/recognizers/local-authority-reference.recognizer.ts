import type { Recognizer } from '../types.ts'
import { createPatternRecognizer } from './pattern.ts'
import { labelledReferenceRule } from './reference-number.ts'

/**
 * Local-authority case and client number recognizer: the ids children's and adults' social care
 * systems give a person or a case. Styles: "LA ref 778145", "local authority reference 778145",
 * "Mosaic ID 1049982", "Mosaic no. 1049982", "LCS client no. 204771", "LCS ID 204771", "Liquidlogic
 * ref CL-204771", "EHM ID 3312", "Eclipse ID 55123", "CareFirst 778145", "ICS ref 778145",
 * "client number 204771", "person ID 1049982", "child's ID 1049982", "youth justice ref
 * YJ/CW/2024/0031" (the code only is reported). A bare number without a label is left alone: it could
 * be anything, and the segmented-reference recognizer catches coded ones.
 */
export function createLocalAuthorityReferenceRecognizer(): Recognizer {
  return createPatternRecognizer('local-authority-reference', [
    labelledReferenceRule(
      String.raw`la|local\s+authority|mosaic|lcs(?:\s+client)?|liquidlogic(?:\s+lcs)?|ehm|eclipse|carefirst|care\s+first|ics|client|person|child['’]?s|service\s+user|youth\s+justice(?:\s+case)?|yjs|eh`,
      'CASE_REFERENCE',
      'local-authority case or client number after a label such as "LA ref" or "Mosaic ID"',
    ),
  ])
}
