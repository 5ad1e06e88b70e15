/**
 * The words a reviewer reads for each leak: what the gate found (never the real name: the
 * explanation names the person by role) and what to do about it. Pure; never throws.
 */
import type { Detection, EntityType } from '../types.ts'

// What a generic detection of each kind is, and what to do with it.
const GENERIC: Partial<Record<EntityType, [string, string]>> = {
  PERSON: [
    'This looks like a person’s name',
    'If it is someone in the case, add them to the people in this review so they get a pseudonym; if it is not a name, rephrase it.',
  ],
  DATE: ['This is an exact date', 'Give the month and year, or the child’s age, instead.'],
  ADDRESS: ['This looks like an address', 'Replace it with a description such as “the family home”.'],
  POSTCODE: ['This is a postcode', 'Remove it.'],
  PHONE: ['This is a phone number', 'Remove it.'],
  EMAIL: ['This is an email address', 'Remove it.'],
  URL: ['This is a web address', 'Remove it, or check it does not lead to the family.'],
  NHS_NUMBER: ['This is an NHS number', 'Remove it.'],
  NI_NUMBER: ['This is a National Insurance number', 'Remove it.'],
  POLICE_REFERENCE: [
    'This is a police reference number',
    'Remove it; the text can say a crime or a report was recorded.',
  ],
  CASE_REFERENCE: ['This is a case, court or hospital reference number', 'Remove it.'],
  VEHICLE_REGISTRATION: ['This is a vehicle registration', 'Remove it.'],
  SOCIAL_HANDLE: ['This is a social media user name', 'Remove it; the text can name the platform.'],
  ORG: [
    'This looks like the name of a local organisation',
    'Add it to the places in this review so it is replaced, or mark it as published if it may be named.',
  ],
  CODE: ['This looks like an identifying number (for example a collar number)', 'Remove it.'],
}

/**
 * One or two sentences for a leak: what it is, why the gate thinks so (the detection's
 * explanation), and what the reviewer can do. Case-aware detections say whom in the case they point
 * to, by role.
 */
export function leakReason(d: Detection, caseAware: boolean): string {
  if (caseAware) {
    if (d.castId !== undefined)
      return d.entityType === 'PERSON'
        ? `Still names someone in this case: ${d.explanation}. Replace it with their pseudonym, or correct the people in this review if it is someone else.`
        : `Still gives away someone in this case: ${d.explanation}. Remove it or replace it with a description.`
    return `Still names a place in this case: ${d.explanation}. Replace it with its description (for example “the town”), or mark the place as published if it may be named.`
  }
  const [what, action] = GENERIC[d.entityType] ?? [
    'This looks identifying',
    'Remove it or replace it with a description.',
  ]
  return `${what} (${d.explanation}). ${action}`
}
