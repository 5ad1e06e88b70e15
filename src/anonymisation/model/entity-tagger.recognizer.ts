import type { Detection, EntityType, Recognizer } from '../types.ts'
import type { EntityTagger } from './entity-tagger.ts'

/** TAB entity types mapped to the analyzer's entity types. */
export const TAB_TO_ENTITY_TYPE: Readonly<Record<string, EntityType>> = {
  PERSON: 'PERSON',
  CODE: 'CODE',
  LOC: 'LOC',
  ORG: 'ORG',
  DEM: 'DEMOGRAPHIC',
  DATETIME: 'DATE',
  QUANTITY: 'QUANTITY',
  MISC: 'MISC',
}

const DESCRIPTIONS: Readonly<Record<string, string>> = {
  PERSON: 'person name',
  CODE: 'code or reference number',
  LOC: 'place',
  ORG: 'organisation',
  DEM: 'demographic detail',
  DATETIME: 'date or time',
  QUANTITY: 'quantity',
  MISC: 'other identifying detail',
}

/**
 * A recognizer backed by the statistical entity tagger (no case knowledge). Each detection's
 * explanation names the kind of entity and the model's confidence, e.g. "person name (statistical
 * model, score 0.93)". Contract: pure, never throws on any string input (the tagger never throws).
 */
export function createEntityTaggerRecognizer(tagger: EntityTagger): Recognizer {
  return {
    name: 'entity-tagger',
    analyze(text: string): Detection[] {
      return tagger.tag(text).map((span) => ({
        entityType: TAB_TO_ENTITY_TYPE[span.entityType] ?? 'MISC',
        start: span.start,
        end: span.end,
        score: span.score,
        recognizer: 'entity-tagger',
        explanation: `${DESCRIPTIONS[span.entityType] ?? 'identifying detail'} (statistical model, score ${span.score.toFixed(2)})`,
      }))
    },
  }
}
