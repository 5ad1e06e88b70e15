import { z } from 'zod'
import {
  anonymiseDocument,
  PseudonymRegister,
  type AnonymisedDocument,
  type CastMember,
  type Place,
  type Recognizer,
} from '../../anonymisation/index.ts'
import type { AccessPolicy } from '../access/access.policy.ts'
import type { Actor } from '../access/actor.ts'
import type { AuditService } from '../audit/audit.service.ts'
import { isIsoDate } from '../clocks/plain-date.ts'
import { NotFoundError, ValidationError } from '../errors.ts'
import type { ReviewService } from '../reviews/review.service.ts'
import { anonymiseWithDecisions, type AnonymisationDecision } from './anonymisation-decisions.ts'
import type { CaseKnowledgeRepository } from './case-knowledge.repository.ts'

/** Most people and places one review holds, and the largest cast file accepted. */
export const CASE_LIMITS = { people: 500, places: 500, fileBytes: 2 * 1024 * 1024 } as const

const text = (max: number) => z.string().trim().max(max)
const list = (max: number) => z.array(text(max)).max(50).nullish()
const castMemberSchema = z.object({
  id: z.string().max(100).optional(),
  role: text(200).min(1, 'Each person needs a role'),
  full_name: text(300).min(1, 'Each person needs a full name'),
  other_names: list(300),
  date_of_birth: z
    .string()
    .nullish()
    .refine((v) => !v || isIsoDate(v), 'A date of birth must be a real date written like 2023-06-14'),
  addresses: z
    .array(
      z.object({
        text: text(500).min(1),
        line1: text(300).nullish(),
        line2: text(300).nullish(),
        town: text(200).nullish(),
        postcode: text(20).nullish(),
      }),
    )
    .max(20)
    .nullish(),
  phone: list(50),
  email: list(300),
  nhs_number: text(20).nullish(),
  ni_number: text(20).nullish(),
  handles: list(100),
  vehicles: list(20),
  prison_number: text(20).nullish(),
  expected_pseudonym: text(100).nullish(),
  organisation: text(300).nullish(),
  notes: text(2000).nullish(),
  retain: z.boolean().nullish(),
})
const placeSchema = z.object({
  name: text(300).min(1, 'Each place needs a name'),
  kind: text(50).min(1, 'Each place needs a kind, like town or hospital'),
  expected_replacement: text(200).nullish(),
  notes: text(2000).nullish(),
  retain: z.boolean().nullish(),
})

/**
 * Recognizers added to the rules and the cast for one review (the statistical model's person names):
 * given the review's people and register so that the review's own labels are not taken for names.
 */
export type ExtraRecognizers = (cast: readonly CastMember[], register: PseudonymRegister) => readonly Recognizer[]

/** Largest document text (characters): about a 400-page report. */
export const DOCUMENT_LIMIT_CHARACTERS = 1_000_000

/** Thrown when a document change was based on an older version (someone else saved first). */
export class StaleDocumentError extends Error {
  override name = 'StaleDocumentError'
}

/** A person as shown without the reveal permission: role and pseudonym only. */
export interface PersonSummary {
  id: string
  role: string
  pseudonym: string
  retained: boolean
  /** Only when revealed. */
  original?: CastMember
}

/**
 * People and places in a review — the cast the anonymisation engine uses — and anonymisation of a
 * document with them.
 *
 * Contract: real names and identifiers are returned only with `review.revealOriginal`, and every
 * reveal is audited; changes need the review to be manageable (its partnership's coordinators).
 * Pseudonyms come from the review's register, so a person keeps one label in every document.
 */
export class CaseKnowledgeService {
  readonly #access: AccessPolicy
  readonly #repository: CaseKnowledgeRepository
  readonly #reviews: ReviewService
  readonly #audit: AuditService
  readonly #now: () => Date
  readonly #extraRecognizers: ExtraRecognizers
  constructor(
    access: AccessPolicy,
    repository: CaseKnowledgeRepository,
    reviews: ReviewService,
    audit: AuditService,
    now: () => Date,
    extraRecognizers: ExtraRecognizers = () => [],
  ) {
    this.#access = access
    this.#repository = repository
    this.#reviews = reviews
    this.#audit = audit
    this.#now = now
    this.#extraRecognizers = extraRecognizers
  }

  /** The review's people (pseudonyms; originals too when `reveal`, audited) and places. */
  async overview(
    actor: Actor,
    reviewId: string,
    options: { reveal: boolean },
  ): Promise<{ people: PersonSummary[]; places: Array<Place & { id: string }> | null }> {
    await this.#reviews.readableReview(actor, reviewId)
    if (options.reveal) {
      await this.#access.require(actor, 'review.revealOriginal', { review: reviewId })
    }
    const people = await this.#repository.people(reviewId)
    const register = await this.#register(reviewId)
    const summaries = people.map((p) => ({
      id: p.id,
      role: p.role,
      pseudonym: p.retain ? p.full_name : register.personLabel(p),
      retained: !!p.retain,
      ...(options.reveal ? { original: p } : {}),
    }))
    await this.#repository.saveRegister(reviewId, register.toJSON(), this.#now())
    if (options.reveal) {
      await this.#audit.recordAction(
        actor,
        'review.reveal_original',
        { type: 'review', id: reviewId },
        { people: people.length },
      )
    }
    // Place names are identifying too: only with the reveal permission.
    return { people: summaries, places: options.reveal ? await this.#repository.places(reviewId) : null }
  }

  /** Add one person. @throws ValidationError with GOV.UK messages. */
  async addPerson(actor: Actor, reviewId: string, person: unknown): Promise<void> {
    await this.#reviews.manageableReview(actor, reviewId)
    const parsed = castMemberSchema.safeParse(person)
    if (!parsed.success)
      throw new ValidationError(
        parsed.error.issues.map((i) => ({ field: String(i.path[0] ?? 'full_name'), message: i.message })),
      )
    await this.#checkRoom(reviewId, 1, 0)
    await this.#repository.add(reviewId, [withoutId(parsed.data)], [], actor.userId, this.#now())
    await this.#audit.recordAction(actor, 'review.add_person', { type: 'review', id: reviewId })
  }

  /** Add one place. @throws ValidationError with GOV.UK messages. */
  async addPlace(actor: Actor, reviewId: string, place: unknown): Promise<void> {
    await this.#reviews.manageableReview(actor, reviewId)
    const parsed = placeSchema.safeParse(place)
    if (!parsed.success)
      throw new ValidationError(
        parsed.error.issues.map((i) => ({ field: String(i.path[0] ?? 'name'), message: i.message })),
      )
    await this.#checkRoom(reviewId, 0, 1)
    await this.#repository.add(reviewId, [], [parsed.data], actor.userId, this.#now())
    await this.#audit.recordAction(actor, 'review.add_place', { type: 'review', id: reviewId })
  }

  /**
   * Add people and places from files in the cast.json / places.json format (all or nothing).
   * @throws ValidationError saying which entry is wrong and why, in plain English.
   */
  async importFiles(
    actor: Actor,
    reviewId: string,
    castJson: string | null,
    placesJson: string | null,
  ): Promise<{ people: number; places: number }> {
    await this.#reviews.manageableReview(actor, reviewId)
    const people = castJson ? parseList(castJson, castMemberSchema, 'people file', 'castFile').map(withoutId) : []
    const places = placesJson ? parseList(placesJson, placeSchema, 'places file', 'placesFile') : []
    if (people.length === 0 && places.length === 0) {
      throw new ValidationError([{ field: 'castFile', message: 'Select a people file or a places file' }])
    }
    await this.#checkRoom(reviewId, people.length, places.length)
    await this.#repository.add(reviewId, people, places, actor.userId, this.#now())
    await this.#audit.recordAction(
      actor,
      'review.import_people',
      { type: 'review', id: reviewId },
      { people: people.length, places: places.length },
    )
    return { people: people.length, places: places.length }
  }

  /** Remove a person or place. */
  async remove(actor: Actor, reviewId: string, kind: 'person' | 'place', id: string): Promise<void> {
    await this.#reviews.manageableReview(actor, reviewId)
    if (!(await this.#repository.remove(reviewId, kind, id))) throw new NotFoundError('Not found')
    await this.#audit.recordAction(actor, `review.remove_${kind}`, { type: 'review', id: reviewId })
  }

  /**
   * Anonymise a document's text with the review's people, places and register: the anonymised
   * text, every replacement with its reason, what the leak gate still finds, and jigsaw warnings.
   * Needs `review.revealOriginal` (the replacements show the original words). Audited.
   */
  async anonymise(actor: Actor, reviewId: string, documentText: string): Promise<AnonymisedDocument> {
    await this.#reviews.readableReview(actor, reviewId)
    await this.#access.require(actor, 'review.revealOriginal', { review: reviewId })
    const [cast, places, register] = await Promise.all([
      this.#repository.people(reviewId),
      this.#repository.places(reviewId),
      this.#register(reviewId),
    ])
    const result = anonymiseDocument(documentText, {
      cast,
      places,
      register,
      recognizers: this.#extraRecognizers(cast, register),
    })
    await this.#repository.saveRegister(reviewId, register.toJSON(), this.#now())
    await this.#audit.recordAction(
      actor,
      'review.anonymise_document',
      { type: 'review', id: reviewId },
      { characters: documentText.length, leaks: result.leaks.length },
    )
    return result
  }

  /** The review's documents (titles and status). Needs the reveal permission (they hold original text). */
  async documents(actor: Actor, reviewId: string) {
    await this.#reviews.readableReview(actor, reviewId)
    await this.#access.require(actor, 'review.revealOriginal', { review: reviewId })
    return this.#repository.documents(reviewId)
  }

  /** Add a document to anonymise. @throws ValidationError for a missing title or text, or text too long. */
  async createDocument(actor: Actor, reviewId: string, title: string, body: string): Promise<string> {
    await this.#reviews.readableReview(actor, reviewId)
    await this.#access.require(actor, 'review.revealOriginal', { review: reviewId })
    const errors = [
      ...(title.trim() ? [] : [{ field: 'title', message: 'Enter the document’s title, for example Overview report' }]),
      ...(body.trim() ? [] : [{ field: 'body', message: 'Paste the text of the document' }]),
      ...(body.length > DOCUMENT_LIMIT_CHARACTERS
        ? [{ field: 'body', message: 'The document must be 1,000,000 characters or fewer' }]
        : []),
    ]
    if (errors.length) throw new ValidationError(errors)
    const id = await this.#repository.createDocument(
      reviewId,
      title.trim().slice(0, 200),
      body,
      actor.userId,
      this.#now(),
    )
    await this.#audit.recordAction(actor, 'review.add_document', { type: 'review_document', id }, { reviewId })
    return id
  }

  /**
   * A document with its anonymisation (engine plus the reviewer's decisions), leaks and jigsaw
   * warnings. The read is audited. The result holds the original words: pages show them only when
   * `options.reveal` is set, which is audited as a reveal (`review.reveal_original`) as well.
   */
  async documentView(actor: Actor, reviewId: string, documentId: string, options: { reveal?: boolean } = {}) {
    await this.#reviews.readableReview(actor, reviewId)
    await this.#access.require(actor, 'review.revealOriginal', { review: reviewId })
    const document = await this.#repository.document(reviewId, documentId)
    if (!document) throw new NotFoundError('Document not found')
    const result = await this.#decide(reviewId, document.body, document.decisions)
    await this.#audit.recordAction(
      actor,
      'review.read_document',
      { type: 'review_document', id: documentId },
      { reviewId },
    )
    if (options.reveal) {
      await this.#audit.recordAction(
        actor,
        'review.reveal_original',
        { type: 'review_document', id: documentId },
        { reviewId },
      )
    }
    return { document, result }
  }

  /**
   * Change a document: its text, or the reviewer's decisions. The document becomes a draft again.
   * @throws StaleDocumentError when someone else saved first (nothing is overwritten).
   */
  async changeDocument(
    actor: Actor,
    reviewId: string,
    documentId: string,
    version: number,
    change: { body: string } | { addDecision: AnonymisationDecision } | { removeDecision: number },
  ): Promise<void> {
    await this.#reviews.readableReview(actor, reviewId)
    await this.#access.require(actor, 'review.revealOriginal', { review: reviewId })
    const document = await this.#repository.document(reviewId, documentId)
    if (!document) throw new NotFoundError('Document not found')
    let changes: { body?: string; decisions?: AnonymisationDecision[] }
    if ('body' in change) {
      if (!change.body.trim()) throw new ValidationError([{ field: 'body', message: 'Paste the text of the document' }])
      if (change.body.length > DOCUMENT_LIMIT_CHARACTERS) {
        throw new ValidationError([{ field: 'body', message: 'The document must be 1,000,000 characters or fewer' }])
      }
      changes = { body: change.body }
    } else if ('addDecision' in change) {
      const d = change.addDecision
      if (!d.original.trim())
        throw new ValidationError([{ field: 'original', message: 'Enter the words this decision is about' }])
      if ((d.kind === 'replace' || d.kind === 'add') && !d.replacement.trim()) {
        throw new ValidationError([{ field: 'replacement', message: 'Enter what to publish instead' }])
      }
      if (d.kind === 'add' && !document.body.includes(d.original)) {
        throw new ValidationError([
          { field: 'original', message: 'These words are not in the document. Copy them exactly as written' },
        ])
      }
      // One decision per words: a new one replaces the old.
      changes = {
        decisions: [
          ...document.decisions.filter((x) => x.original !== d.original),
          { ...d, original: d.original.slice(0, 300) },
        ],
      }
    } else {
      changes = { decisions: document.decisions.filter((_, i) => i !== change.removeDecision) }
    }
    // A missing or garbled version cannot be the current one (and PostgreSQL refuses NaN): stale, never a 500.
    if (
      !Number.isSafeInteger(version) ||
      !(await this.#repository.updateDocument(reviewId, documentId, version, changes, actor.userId, this.#now()))
    ) {
      throw new StaleDocumentError('Someone else changed this document after you opened it')
    }
    await this.#audit.recordAction(
      actor,
      'review.change_document',
      { type: 'review_document', id: documentId },
      { reviewId },
    )
  }

  /**
   * Mark a document anonymised: only when the leak gate finds nothing and, if there are jigsaw
   * warnings, a person has confirmed they have considered them.
   * @throws ValidationError saying why it cannot be marked.
   */
  async markAnonymised(
    actor: Actor,
    reviewId: string,
    documentId: string,
    version: number,
    jigsawConsidered: boolean,
  ): Promise<void> {
    await this.#reviews.readableReview(actor, reviewId)
    await this.#access.require(actor, 'review.revealOriginal', { review: reviewId })
    const document = await this.#repository.document(reviewId, documentId)
    if (!document) throw new NotFoundError('Document not found')
    const result = await this.#decide(reviewId, document.body, document.decisions)
    const errors = [
      ...(result.leaks.length
        ? [
            {
              field: 'mark',
              message: `The leak gate still finds ${result.leaks.length} identifying ${result.leaks.length === 1 ? 'detail' : 'details'}: deal with each one first`,
            },
          ]
        : []),
      ...(result.jigsaw.length && !jigsawConsidered
        ? [
            {
              field: 'jigsawConsidered',
              message: 'Confirm that you have considered each detail that could identify the child together',
            },
          ]
        : []),
    ]
    if (errors.length) throw new ValidationError(errors)
    if (
      !Number.isSafeInteger(version) ||
      !(await this.#repository.updateDocument(
        reviewId,
        documentId,
        version,
        { anonymisedText: result.text },
        actor.userId,
        this.#now(),
      ))
    ) {
      throw new StaleDocumentError('Someone else changed this document after you opened it')
    }
    await this.#audit.recordAction(
      actor,
      'review.mark_anonymised',
      { type: 'review_document', id: documentId },
      { reviewId, jigsawWarnings: result.jigsaw.length },
    )
  }

  async #decide(reviewId: string, body: string, decisions: AnonymisationDecision[]) {
    const [cast, places, register] = await Promise.all([
      this.#repository.people(reviewId),
      this.#repository.places(reviewId),
      this.#register(reviewId),
    ])
    const result = anonymiseWithDecisions(
      body,
      { cast, places, register, recognizers: this.#extraRecognizers(cast, register) },
      decisions,
    )
    await this.#repository.saveRegister(reviewId, register.toJSON(), this.#now())
    return result
  }

  async #register(reviewId: string): Promise<PseudonymRegister> {
    const stored = await this.#repository.register(reviewId)
    return stored ? PseudonymRegister.fromJSON(stored) : new PseudonymRegister()
  }

  async #checkRoom(reviewId: string, people: number, places: number): Promise<void> {
    const [existingPeople, existingPlaces] = await Promise.all([
      this.#repository.people(reviewId),
      this.#repository.places(reviewId),
    ])
    if (existingPeople.length + people > CASE_LIMITS.people) {
      throw new ValidationError([
        { field: 'castFile', message: `A review can hold ${CASE_LIMITS.people} people at most` },
      ])
    }
    if (existingPlaces.length + places > CASE_LIMITS.places) {
      throw new ValidationError([
        { field: 'placesFile', message: `A review can hold ${CASE_LIMITS.places} places at most` },
      ])
    }
  }
}

function withoutId(member: z.infer<typeof castMemberSchema>): Omit<CastMember, 'id'> {
  const { id: _id, ...rest } = member
  return rest
}

function parseList<S extends z.ZodType>(json: string, schema: S, what: string, field: string): Array<z.infer<S>> {
  let data: unknown
  try {
    data = JSON.parse(json.replace(/^\uFEFF/, ''))
  } catch {
    throw new ValidationError([{ field, message: `The ${what} is not valid JSON` }])
  }
  if (!Array.isArray(data))
    throw new ValidationError([{ field, message: `The ${what} must be a list ([ … ]) of entries` }])
  const out: Array<z.infer<S>> = []
  for (const [index, item] of data.entries()) {
    const parsed = schema.safeParse(item)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      const where = issue.path.length ? ` (${issue.path.join('.')})` : ''
      throw new ValidationError([{ field, message: `Entry ${index + 1} of the ${what}${where}: ${issue.message}` }])
    }
    out.push(parsed.data)
  }
  return out
}
