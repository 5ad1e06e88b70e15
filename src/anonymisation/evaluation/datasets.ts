/**
 * Parsers for the evaluation corpora, from already-parsed JSON (pure: the caller reads the files).
 *
 * Every parser validates the shape it needs and throws a `TypeError` naming the problem when the
 * input does not have it; extra fields are ignored.
 */
import type { GoldDocument, GoldMention, IdentifierType, Span } from './benchmark.ts'

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function identifierType(value: unknown): IdentifierType {
  if (value === 'DIRECT' || value === 'QUASI' || value === 'NO_MASK') return value
  throw new TypeError(`unknown identifier_type ${JSON.stringify(value)}`)
}

/**
 * Parses a corpus in the TAB format (`[{doc_id, text, annotations: {annotatorN: {entity_mentions}}}]`),
 * also used by WikiActors.
 *
 * A document annotated by several annotators keeps only its first annotator (in key order), as the
 * benchmark scores one annotation at a time; the TAB train and dev splits have one annotator each.
 */
export function parseTabDocuments(json: unknown): GoldDocument[] {
  if (!Array.isArray(json)) throw new TypeError('TAB corpus: expected an array of documents')
  return json.map((raw, index): GoldDocument => {
    if (!isRecord(raw) || typeof raw.text !== 'string' || typeof raw.doc_id !== 'string')
      throw new TypeError(`TAB corpus: document ${index} has no doc_id or text`)
    const annotations = isRecord(raw.annotations) ? raw.annotations : {}
    const first = Object.values(annotations)[0]
    const rawMentions = isRecord(first) && Array.isArray(first.entity_mentions) ? first.entity_mentions : []
    const mentions = rawMentions.map((m: unknown): GoldMention => {
      if (!isRecord(m) || typeof m.start_offset !== 'number' || typeof m.end_offset !== 'number')
        throw new TypeError(`TAB corpus: document ${raw.doc_id} has a mention without offsets`)
      return {
        start: m.start_offset,
        end: m.end_offset,
        entityId: String(m.entity_id ?? `${m.start_offset}`),
        identifierType: identifierType(m.identifier_type),
        entityType: String(m.entity_type ?? 'UNKNOWN'),
      }
    })
    return { id: raw.doc_id, text: raw.text, mentions }
  })
}

/**
 * presidio-research types that identify a person on their own; the others are scored as QUASI
 * (the corpus has no identifier types of its own).
 */
const PRESIDIO_DIRECT = new Set([
  'PERSON',
  'EMAIL_ADDRESS',
  'PHONE_NUMBER',
  'CREDIT_CARD',
  'US_SSN',
  'IBAN_CODE',
  'US_DRIVER_LICENSE',
  'IP_ADDRESS',
  'STREET_ADDRESS',
])

/**
 * Parses the presidio-research synthetic set (`[{full_text, spans: [{entity_type, start_position,
 * end_position}]}]`). Document ids are `presidio-<index>`; every span is its own entity.
 */
export function parsePresidioResearch(json: unknown): GoldDocument[] {
  if (!Array.isArray(json)) throw new TypeError('presidio-research: expected an array of samples')
  return json.map((raw, index): GoldDocument => {
    if (!isRecord(raw) || typeof raw.full_text !== 'string' || !Array.isArray(raw.spans))
      throw new TypeError(`presidio-research: sample ${index} has no full_text or spans`)
    const mentions = raw.spans.map((s: unknown, n: number): GoldMention => {
      if (!isRecord(s) || typeof s.start_position !== 'number' || typeof s.end_position !== 'number')
        throw new TypeError(`presidio-research: sample ${index} has a span without positions`)
      const type = String(s.entity_type)
      return {
        start: s.start_position,
        end: s.end_position,
        entityId: `e${n}`,
        identifierType: PRESIDIO_DIRECT.has(type) ? 'DIRECT' : 'QUASI',
        entityType: type,
      }
    })
    return { id: `presidio-${index}`, text: raw.full_text, mentions }
  })
}

/**
 * Parses a system output file (`{"<doc_id>": [[start, end], ...]}`, e.g. `WikiActors_Presidio.json`
 * or the output of `case-review detect-spans`).
 */
export function parseSystemOutput(json: unknown): Record<string, Span[]> {
  if (!isRecord(json)) throw new TypeError('system output: expected an object mapping document ids to spans')
  const result: Record<string, Span[]> = {}
  for (const [id, spans] of Object.entries(json)) {
    if (!Array.isArray(spans)) throw new TypeError(`system output: ${id} is not a list of spans`)
    result[id] = spans.map((span: unknown): Span => {
      if (!Array.isArray(span) || typeof span[0] !== 'number' || typeof span[1] !== 'number')
        throw new TypeError(`system output: ${id} has a span that is not [start, end]`)
      return [span[0], span[1]]
    })
  }
  return result
}

/**
 * Splits documents into a training part and a held-out part, deterministically: a document is held
 * out when its position in the corpus is odd (so both halves span the whole corpus). Used for
 * WikiActors, which serves both for training and for evaluation.
 */
export function splitAlternate<T>(documents: readonly T[]): { train: T[]; heldOut: T[] } {
  return {
    train: documents.filter((_, i) => i % 2 === 0),
    heldOut: documents.filter((_, i) => i % 2 === 1),
  }
}
