/**
 * Turns annotated corpora into training documents for the entity tagger. Pure.
 */
import type { GoldDocument, IdentifierType } from '../evaluation/benchmark.ts'
import type { TrainingDocument } from './trainer.ts'

/** presidio-research labels mapped to the TAB entity types the tagger learns. */
export const PRESIDIO_TO_TAB: Readonly<Record<string, string>> = {
  PERSON: 'PERSON',
  STREET_ADDRESS: 'LOC',
  GPE: 'LOC',
  ZIP_CODE: 'LOC',
  ORGANIZATION: 'ORG',
  DATE_TIME: 'DATETIME',
  TITLE: 'DEM',
  NRP: 'DEM',
  AGE: 'QUANTITY',
  CREDIT_CARD: 'CODE',
  PHONE_NUMBER: 'CODE',
  EMAIL_ADDRESS: 'CODE',
  DOMAIN_NAME: 'CODE',
  IBAN_CODE: 'CODE',
  US_SSN: 'CODE',
  IP_ADDRESS: 'CODE',
  US_DRIVER_LICENSE: 'CODE',
}

/**
 * Training documents from TAB-format documents: the mentions whose identifier type is in
 * `identifierTypes` (by default DIRECT and QUASI: NO_MASK mentions need not be masked, so the
 * tagger is not taught to find them). `typeOf` maps a corpus label to a TAB type (identity by
 * default); mentions it maps to `null` are left out.
 */
export function trainingDocuments(
  documents: readonly GoldDocument[],
  identifierTypes: readonly IdentifierType[] = ['DIRECT', 'QUASI'],
  typeOf: (label: string) => string | null = (label) => label,
): TrainingDocument[] {
  return documents.map((document) => ({
    text: document.text,
    entities: document.mentions.flatMap((m) => {
      const entityType = identifierTypes.includes(m.identifierType) ? typeOf(m.entityType) : null
      return entityType === null ? [] : [{ start: m.start, end: m.end, entityType }]
    }),
  }))
}
