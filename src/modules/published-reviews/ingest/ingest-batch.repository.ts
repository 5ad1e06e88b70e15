import type { Kysely } from 'kysely'
import type { Database } from '../../../db/schema.ts'

/** A file held between upload and confirm, with its bytes. */
export interface HeldFile {
  readonly fileName: string
  readonly contentType: string | null
  readonly data: Uint8Array
}

/** A batch of held uploads (without the files' bytes). `rows` is whatever the service stored. */
export interface StoredBatch {
  readonly id: string
  readonly kind: 'single' | 'bulk'
  readonly createdBy: string
  readonly createdAt: string
  readonly expiresAt: string
  readonly confirmingAt: string | null
  readonly csvFileName: string | null
  readonly rowsJson: string
}

/**
 * All SQL of the uploads held between "upload" and "confirm" (tables `repository_ingest_batch`
 * and `repository_ingest_file`). Throws only on database failure.
 */
export class IngestBatchRepository {
  readonly #db: Kysely<Database>

  constructor(db: Kysely<Database>) {
    this.#db = db
  }

  /** Store a batch and its files in one transaction. */
  async create(batch: StoredBatch, files: readonly HeldFile[]): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      await trx
        .insertInto('repository_ingest_batch')
        .values({
          id: batch.id,
          kind: batch.kind,
          created_by: batch.createdBy,
          created_at: batch.createdAt,
          expires_at: batch.expiresAt,
          confirming_at: batch.confirmingAt,
          csv_file_name: batch.csvFileName,
          rows_json: batch.rowsJson,
        })
        .execute()
      // One statement per file: a batch can hold up to 100 MB, and one huge multi-row insert
      // would need it all in a single protocol message.
      for (const [position, file] of files.entries()) {
        await trx
          .insertInto('repository_ingest_file')
          .values({
            id: `${batch.id}:${position}`,
            batch_id: batch.id,
            position,
            file_name: file.fileName,
            content_type: file.contentType,
            byte_size: file.data.byteLength,
            content: file.data,
          })
          .execute()
      }
    })
  }

  /** The batch with this id, or null. */
  async find(id: string): Promise<StoredBatch | null> {
    const row = await this.#db.selectFrom('repository_ingest_batch').selectAll().where('id', '=', id).executeTakeFirst()
    if (!row) return null
    return {
      id: row.id,
      kind: row.kind === 'bulk' ? 'bulk' : 'single',
      createdBy: row.created_by,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
      confirmingAt: row.confirming_at,
      csvFileName: row.csv_file_name,
      rowsJson: row.rows_json,
    }
  }

  /** The batch's files with their bytes, in upload order. */
  async files(batchId: string): Promise<HeldFile[]> {
    const rows = await this.#db
      .selectFrom('repository_ingest_file')
      .select(['file_name', 'content_type', 'content'])
      .where('batch_id', '=', batchId)
      .orderBy('position')
      .execute()
    return rows.map((r) => ({ fileName: r.file_name, contentType: r.content_type, data: new Uint8Array(r.content) }))
  }

  /**
   * Mark the batch as being confirmed, unless a confirm is already under way (started after
   * `staleBefore`). True when this caller may go on; false when someone else holds it.
   */
  async claim(id: string, now: string, staleBefore: string): Promise<boolean> {
    const result = await this.#db
      .updateTable('repository_ingest_batch')
      .set({ confirming_at: now })
      .where('id', '=', id)
      .where((eb) => eb.or([eb('confirming_at', 'is', null), eb('confirming_at', '<', staleBefore)]))
      .executeTakeFirst()
    return Number(result.numUpdatedRows) === 1
  }

  /** Let another confirm try again (after a failed one). */
  async release(id: string): Promise<void> {
    await this.#db.updateTable('repository_ingest_batch').set({ confirming_at: null }).where('id', '=', id).execute()
  }

  /** Delete a batch and its files. True when there was one. */
  async delete(id: string): Promise<boolean> {
    const result = await this.#db.deleteFrom('repository_ingest_batch').where('id', '=', id).executeTakeFirst()
    return Number(result.numDeletedRows) > 0
  }

  /** Delete every batch of this kind held for this user that is not being confirmed. Returns how many. */
  async deleteHeldBy(createdBy: string, kind: 'single' | 'bulk'): Promise<number> {
    const result = await this.#db
      .deleteFrom('repository_ingest_batch')
      .where('created_by', '=', createdBy)
      .where('kind', '=', kind)
      .where('confirming_at', 'is', null)
      .executeTakeFirst()
    return Number(result.numDeletedRows)
  }

  /** Delete every batch that expired before `now` (files go with them). Returns how many. */
  async deleteExpired(now: string): Promise<number> {
    const result = await this.#db.deleteFrom('repository_ingest_batch').where('expires_at', '<', now).executeTakeFirst()
    return Number(result.numDeletedRows)
  }
}
