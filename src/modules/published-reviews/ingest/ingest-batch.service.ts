import { randomUUID } from 'node:crypto'
import type { AccessPolicy } from '../../access/access.policy.ts'
import type { Actor } from '../../access/actor.ts'
import { NotFoundError, ValidationError, type FieldError } from '../../errors.ts'
import type { PublishedReview } from '../published-review.ts'
import { publishInputSchema, type PublishInput } from '../publish-input.ts'
import {
  buildBulkRows,
  MAX_BULK_FILE_BYTES,
  MAX_BULK_FILES,
  MAX_BULK_TOTAL_BYTES,
  MAX_CSV_BYTES,
  parseMetadataCsv,
  type BulkRow,
  type ReadFile,
} from './bulk-metadata.ts'
import { extractDocument, UnreadableDocumentError, type UploadedFile } from './extract-text.ts'
import type { HeldFile, IngestBatchRepository, StoredBatch } from './ingest-batch.repository.ts'
import { anonymousAreaProblem, themeNatureProblem, type AnonymousEntryNames } from './ingest-checks.ts'
import { suggestMetadata, type MetadataSuggestions } from './suggest-metadata.ts'

/** How long a single uploaded file waits for the curator to confirm its metadata. */
export const SINGLE_HOLD_MINUTES = 60
/** How long a bulk upload waits for the curator to confirm it. */
export const BULK_HOLD_HOURS = 24
/** Characters of a single file's text kept with it while held (for the suggested summary). */
const HELD_TEXT_CHARACTERS = 20_000
/** A confirm that started this long ago and never finished (a crashed server) no longer blocks another. */
const STALE_CONFIRM_MINUTES = 10

/** Publishes and unpublishes reviews (the PublishedReviewService). */
export interface IngestPublisher {
  publish(actor: Actor, input: PublishInput): Promise<PublishedReview>
  unpublish(actor: Actor, id: string): Promise<void>
}

/** Records what a curator did (the audit service). */
export interface ActionRecorder {
  recordAction(
    actor: Actor,
    action: string,
    resource: { type: string; id: string | null } | null,
    detail?: Record<string, string | number | boolean | null>,
  ): Promise<void>
}

/** A single file held for its metadata form: what the system suggests from its text. */
export interface HeldSingleFile {
  readonly batchId: string
  readonly fileName: string
  readonly format: 'html' | 'pdf' | 'docx'
  /** The start of the file's text (at most 20,000 characters). */
  readonly text: string
  readonly suggestions: MetadataSuggestions
  readonly expiresAt: string
}

/** The metadata a curator confirms for a single held file (its document title included). */
export type SingleFileMetadata = Omit<PublishInput, 'documents' | 'id'> & {
  readonly documentTitle: string
  /**
   * For an entry published as Anonymous (no area): its own area, partnership and region, which
   * are not published but which its summary must not name.
   */
  readonly anonymousNames?: AnonymousEntryNames
}

/** A bulk upload waiting for confirmation: every row with its problems, and the upload's own problems. */
export interface BulkBatchView {
  readonly id: string
  readonly csvFileName: string | null
  readonly createdAt: string
  readonly expiresAt: string
  readonly rows: readonly BulkRow[]
  /** Problems of the upload as a whole (the CSV, files no row names, limits). */
  readonly problems: readonly string[]
  /** CSV columns that were not used. */
  readonly ignoredColumns: readonly string[]
  readonly fileCount: number
  readonly totalBytes: number
  /** True when nothing stops publishing (no problem anywhere). */
  readonly ready: boolean
}

interface SingleRows {
  readonly fileName: string
  readonly format: 'html' | 'pdf' | 'docx'
  readonly text: string
  readonly suggestions: MetadataSuggestions
}
interface BulkRows {
  readonly rows: BulkRow[]
  readonly problems: string[]
  readonly ignoredColumns: string[]
  readonly fileCount: number
  readonly totalBytes: number
}

/**
 * Uploads held between "upload" and "confirm", in the database (any server instance can confirm,
 * a restart loses nothing): a single report with its suggested metadata, or a bulk upload of many
 * reports with a metadata CSV. Every method needs `repository.curate`; a curator sees and confirms
 * only their own uploads. Expired uploads are deleted whenever a new one is held.
 */
export class IngestBatchService {
  readonly #batches: IngestBatchRepository
  readonly #publisher: IngestPublisher
  readonly #access: AccessPolicy
  readonly #actions: ActionRecorder | null
  readonly #now: () => Date

  constructor(options: {
    batches: IngestBatchRepository
    publisher: IngestPublisher
    access: AccessPolicy
    actions: ActionRecorder | null
    now: () => Date
  }) {
    this.#batches = options.batches
    this.#publisher = options.publisher
    this.#access = options.access
    this.#actions = options.actions
    this.#now = options.now
  }

  /**
   * Read one report, suggest its metadata, and hold the file until the curator confirms
   * (at most {@link SINGLE_HOLD_MINUTES} minutes).
   * @throws AccessDeniedError without `repository.curate`; ValidationError (field `file`) for a
   * file that is not a readable PDF, DOCX or HTML report.
   */
  async holdFile(actor: Actor, file: UploadedFile): Promise<HeldSingleFile> {
    await this.#access.require(actor, 'repository.curate')
    let extracted
    try {
      extracted = await extractDocument(file)
    } catch (error) {
      if (error instanceof UnreadableDocumentError)
        throw new ValidationError([{ field: 'file', message: error.message }])
      throw error
    }
    const now = this.#now()
    await this.#batches.deleteExpired(now.toISOString())
    const rows: SingleRows = {
      fileName: file.fileName,
      format: extracted.format,
      // Only the start is kept with the held file: enough to suggest a summary from.
      text: extracted.text.slice(0, HELD_TEXT_CHARACTERS),
      suggestions: suggestMetadata(extracted.text, now),
    }
    const batch = this.#newBatch(actor, 'single', null, rows, SINGLE_HOLD_MINUTES * 60_000)
    await this.#batches.create(batch, [heldFile(file)])
    await this.#actions?.recordAction(
      actor,
      'repository.ingest.upload',
      { type: 'ingest_batch', id: batch.id },
      {
        files: 1,
        bytes: file.data.byteLength,
      },
    )
    return { batchId: batch.id, ...rows, expiresAt: batch.expiresAt }
  }

  /**
   * The held single file `batchId` of this curator, or null when there is none (never held,
   * already published, expired, or someone else's).
   * @throws AccessDeniedError without `repository.curate`.
   */
  async heldFile(actor: Actor, batchId: string): Promise<HeldSingleFile | null> {
    await this.#access.require(actor, 'repository.curate')
    const batch = await this.#ownBatch(actor, batchId, 'single')
    if (!batch) return null
    const rows = JSON.parse(batch.rowsJson) as SingleRows
    return { batchId: batch.id, ...rows, expiresAt: batch.expiresAt }
  }

  /**
   * Publish a held single file with the metadata the curator confirmed, then forget the upload.
   * @throws AccessDeniedError without `repository.curate`; NotFoundError when the upload is not
   * (or no longer) held for this curator; ValidationError for invalid metadata (nothing published,
   * the upload stays held), or (field `form`) when a confirm of the same upload is already under way.
   */
  async confirmFile(actor: Actor, batchId: string, metadata: SingleFileMetadata): Promise<PublishedReview> {
    await this.#access.require(actor, 'repository.curate', { subject: { type: 'ingest_batch', id: batchId } })
    const batch = await this.#ownBatch(actor, batchId, 'single')
    if (!batch) throw new NotFoundError('The uploaded file has expired. Upload it again')
    // Checked here too, not only by the form: a guess that contradicts itself or gives the place away is never published.
    const problems: FieldError[] = []
    const nature = themeNatureProblem(metadata.themes ?? [], metadata.natureOfIncident ?? null)
    if (nature) problems.push({ field: 'themes', message: nature })
    const leak = metadata.area ? null : anonymousAreaProblem(metadata.summary ?? '', metadata.anonymousNames ?? {})
    if (leak) problems.push({ field: 'summary', message: leak })
    if (problems.length) throw new ValidationError(problems)
    await this.#claim(batch.id)
    try {
      const [file] = await this.#batches.files(batch.id)
      const { documentTitle, anonymousNames: _names, ...input } = metadata
      const review = await this.#publisher.publish(actor, {
        ...input,
        documents: [{ title: documentTitle || file.fileName, file: { ...file, data: new Uint8Array(file.data) } }],
      })
      await this.#batches.delete(batch.id)
      return review
    } catch (error) {
      await this.#batches.release(batch.id)
      throw error
    }
  }

  /**
   * Read a bulk upload (reports and a metadata CSV), match each CSV row to its file, suggest what
   * the CSV leaves empty (the CSV always wins), list every problem, and hold it all (at most
   * {@link BULK_HOLD_HOURS} hours) for the curator to check, in place of any bulk upload they
   * held before (unless it is being confirmed). Nothing is published.
   * Limits: at most {@link MAX_BULK_FILES} reports of at most 20 MB each, 100 MB in all, and a CSV
   * of at most 1 MB.
   * @throws AccessDeniedError without `repository.curate`; ValidationError (fields `files`, `csv`)
   * when there is no CSV or no report, or a limit is passed (nothing is held then).
   */
  async holdBulk(
    actor: Actor,
    upload: { files: readonly UploadedFile[]; csv: UploadedFile | null },
  ): Promise<BulkBatchView> {
    await this.#access.require(actor, 'repository.curate')
    const errors: FieldError[] = []
    const totalBytes = upload.files.reduce((sum, f) => sum + f.data.byteLength, 0)
    if (upload.files.length === 0) errors.push({ field: 'files', message: 'Select the reports to upload' })
    if (upload.files.length > MAX_BULK_FILES)
      errors.push({ field: 'files', message: `Select at most ${MAX_BULK_FILES} reports at a time` })
    else if (totalBytes > MAX_BULK_TOTAL_BYTES)
      errors.push({
        field: 'files',
        message: 'The reports together must be 100 MB or smaller: upload them in smaller groups',
      })
    const tooBig = upload.files.find((f) => f.data.byteLength > MAX_BULK_FILE_BYTES)
    if (tooBig) errors.push({ field: 'files', message: `“${tooBig.fileName}” is larger than 20 MB` })
    const names = new Set<string>()
    for (const f of upload.files) {
      if (names.has(f.fileName.toLowerCase()))
        errors.push({
          field: 'files',
          message: `Two reports are called “${f.fileName}”: give each report its own file name`,
        })
      names.add(f.fileName.toLowerCase())
    }
    if (!upload.csv) errors.push({ field: 'csv', message: 'Select the metadata CSV file' })
    else if (upload.csv.data.byteLength > MAX_CSV_BYTES)
      errors.push({ field: 'csv', message: 'The CSV file must be 1 MB or smaller' })
    if (errors.length) throw new ValidationError(errors)

    const now = this.#now()
    const read: ReadFile[] = []
    for (const file of upload.files) {
      try {
        const extracted = await extractDocument(file)
        read.push({ fileName: file.fileName, text: extracted.text, suggestions: suggestMetadata(extracted.text, now) })
      } catch (error) {
        if (!(error instanceof UnreadableDocumentError)) throw error
        read.push({ fileName: file.fileName, unreadable: `“${file.fileName}”: ${error.message}` })
      }
    }
    const csv = parseMetadataCsv(upload.csv!.data)
    const { rows, problems } = buildBulkRows(csv, read, now)
    await this.#batches.deleteExpired(now.toISOString())
    // One held bulk upload per curator: a new one replaces the last (bounds what is held to
    // 100 MB per curator; a corrected upload is the usual reason for a new one).
    await this.#batches.deleteHeldBy(actor.userId, 'bulk')
    const stored: BulkRows = {
      rows,
      problems,
      ignoredColumns: [...csv.ignoredColumns],
      fileCount: upload.files.length,
      totalBytes,
    }
    const batch = this.#newBatch(actor, 'bulk', upload.csv!.fileName, stored, BULK_HOLD_HOURS * 3_600_000)
    await this.#batches.create(batch, upload.files.map(heldFile))
    await this.#actions?.recordAction(
      actor,
      'repository.ingest.upload',
      { type: 'ingest_batch', id: batch.id },
      {
        files: upload.files.length,
        bytes: totalBytes,
        rows: rows.length,
      },
    )
    return view(batch, stored)
  }

  /**
   * The curator's held bulk upload, or null when there is none (published, discarded, expired,
   * or someone else's). @throws AccessDeniedError without `repository.curate`.
   */
  async bulkBatch(actor: Actor, batchId: string): Promise<BulkBatchView | null> {
    await this.#access.require(actor, 'repository.curate')
    const batch = await this.#ownBatch(actor, batchId, 'bulk')
    return batch ? view(batch, JSON.parse(batch.rowsJson) as BulkRows) : null
  }

  /**
   * Publish every row of a held bulk upload, or none: refused while any problem is listed or
   * without the curator's statement that every report is the anonymised, published version; if
   * publishing fails part way, the reviews already published by this confirm are taken out again.
   * The upload is forgotten once published.
   * @throws AccessDeniedError without `repository.curate`; NotFoundError when the upload is not
   * held for this curator; ValidationError with every problem (nothing published).
   */
  async confirmBulk(actor: Actor, batchId: string, confirmedAnonymised: boolean): Promise<PublishedReview[]> {
    await this.#access.require(actor, 'repository.curate', { subject: { type: 'ingest_batch', id: batchId } })
    const batch = await this.#ownBatch(actor, batchId, 'bulk')
    if (!batch) throw new NotFoundError('The upload has expired or was already published. Upload the files again')
    const stored = JSON.parse(batch.rowsJson) as BulkRows
    const problems = [...stored.problems, ...stored.rows.flatMap((r) => r.problems.map((p) => rowProblem(r, p)))]
    if (problems.length) throw new ValidationError(problems.map((message) => ({ field: 'rows', message })))
    if (!confirmedAnonymised)
      throw new ValidationError([
        { field: 'confirmedAnonymised', message: 'Confirm that every report is the anonymised, published version' },
      ])
    await this.#claim(batch.id)
    const published: PublishedReview[] = []
    try {
      const files = await this.#batches.files(batch.id)
      const inputs = stored.rows.map((row) => toPublishInput(row, files[row.fileIndex!]))
      // Check every row before publishing any, so that an invalid row publishes nothing.
      const invalid = inputs.flatMap((input, i) => {
        const parsed = publishInputSchema.safeParse(input)
        return parsed.success ? [] : parsed.error.issues.map((issue) => rowProblem(stored.rows[i], issue.message))
      })
      if (invalid.length) throw new ValidationError(invalid.map((message) => ({ field: 'rows', message })))
      for (const input of inputs) published.push(await this.#publisher.publish(actor, input))
      await this.#batches.delete(batch.id)
    } catch (error) {
      for (const review of published) await this.#publisher.unpublish(actor, review.id)
      await this.#batches.release(batch.id)
      throw error
    }
    await this.#actions?.recordAction(
      actor,
      'repository.ingest.confirm',
      { type: 'ingest_batch', id: batch.id },
      {
        published: published.length,
      },
    )
    return published
  }

  /**
   * Forget a held upload without publishing it. True when there was one of this curator's.
   * @throws AccessDeniedError without `repository.curate`.
   */
  async discard(actor: Actor, batchId: string): Promise<boolean> {
    await this.#access.require(actor, 'repository.curate', { subject: { type: 'ingest_batch', id: batchId } })
    const batch = await this.#ownBatch(actor, batchId, null)
    if (!batch) return false
    await this.#batches.delete(batch.id)
    await this.#actions?.recordAction(actor, 'repository.ingest.discard', { type: 'ingest_batch', id: batch.id })
    return true
  }

  /** Delete every expired upload; returns how many. No access check: housekeeping, no data returned. */
  async deleteExpired(): Promise<number> {
    return this.#batches.deleteExpired(this.#now().toISOString())
  }

  #newBatch(
    actor: Actor,
    kind: 'single' | 'bulk',
    csvFileName: string | null,
    rows: unknown,
    holdMs: number,
  ): StoredBatch {
    const now = this.#now()
    return {
      id: randomUUID(),
      kind,
      createdBy: actor.userId,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + holdMs).toISOString(),
      confirmingAt: null,
      csvFileName,
      rowsJson: JSON.stringify(rows),
    }
  }

  /** The batch when it is this actor's, of this kind, and not expired; null otherwise. */
  async #ownBatch(actor: Actor, batchId: string, kind: 'single' | 'bulk' | null): Promise<StoredBatch | null> {
    if (!/^[0-9a-f-]{36}$/i.test(batchId)) return null
    const batch = await this.#batches.find(batchId)
    if (!batch || batch.createdBy !== actor.userId) return null
    if (kind && batch.kind !== kind) return null
    if (batch.expiresAt < this.#now().toISOString()) return null
    return batch
  }

  /** Take the batch for one confirm; refuse a second confirm running at the same time. */
  async #claim(batchId: string): Promise<void> {
    const now = this.#now()
    const stale = new Date(now.getTime() - STALE_CONFIRM_MINUTES * 60_000).toISOString()
    if (!(await this.#batches.claim(batchId, now.toISOString(), stale)))
      throw new ValidationError([
        { field: 'form', message: 'This upload is already being published. Wait a moment, then check the repository' },
      ])
  }
}

function heldFile(file: UploadedFile): HeldFile {
  return { fileName: file.fileName, contentType: file.contentType ?? null, data: file.data }
}

function rowProblem(row: BulkRow, problem: string): string {
  return `Row ${row.line}${row.fileName ? ` (${row.fileName})` : ''}: ${problem}`
}

function view(batch: StoredBatch, stored: BulkRows): BulkBatchView {
  return {
    id: batch.id,
    csvFileName: batch.csvFileName,
    createdAt: batch.createdAt,
    expiresAt: batch.expiresAt,
    rows: stored.rows,
    problems: stored.problems,
    ignoredColumns: stored.ignoredColumns,
    fileCount: stored.fileCount,
    totalBytes: stored.totalBytes,
    ready: stored.problems.length === 0 && stored.rows.length > 0 && stored.rows.every((r) => r.problems.length === 0),
  }
}

function toPublishInput(row: BulkRow, file: HeldFile | undefined): PublishInput {
  const v = row.values
  const orNull = (text: string) => (text === '' ? null : text)
  return {
    pseudonym: v.pseudonym,
    year: v.year as number,
    area: v.area,
    // An Anonymous row's partnership and region only check its summary (see bulk-metadata.ts).
    partnership: v.area.trim() ? v.partnership : null,
    region: v.area.trim() ? v.region : null,
    reviewType: v.reviewType as PublishInput['reviewType'],
    natureOfIncident: orNull(v.natureOfIncident) as PublishInput['natureOfIncident'],
    childAgeBand: orNull(v.childAgeBand) as PublishInput['childAgeBand'],
    sex: orNull(v.sex) as PublishInput['sex'],
    ethnicGroup: orNull(v.ethnicGroup) as PublishInput['ethnicGroup'],
    reviewModel: v.reviewModel,
    themes: [...v.themes] as PublishInput['themes'],
    agencies: [...v.agencies],
    keywords: [...v.keywords],
    summary: v.summary,
    recommendations: [...v.recommendations],
    documents: file ? [{ title: v.title || file.fileName, file: { ...file, data: new Uint8Array(file.data) } }] : [],
    confirmedAnonymised: true,
  }
}
