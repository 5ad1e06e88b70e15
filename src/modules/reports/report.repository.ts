import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import type { ReportKind } from './report-template.ts'

/** A saved version of a document: every section's Markdown. */
export interface ReportVersion {
  version: number
  sections: Record<string, string>
  note: string
  authorId: string
  authorName: string
  createdAt: string
}

/** A version in a list (without its text). */
export type ReportVersionSummary = Omit<ReportVersion, 'sections'>

/** A comment on a section. */
export interface ReportComment {
  id: string
  kind: ReportKind
  sectionKey: string
  body: string
  authorId: string
  authorName: string
  createdAt: string
  resolvedByName: string | null
  resolvedAt: string | null
}

/** Where a document was sent for anonymisation. */
export interface AnonymisationLink {
  documentId: string
  sentVersion: number
  sentTextSha256: string
  sentAt: string
}

/** The review_document a document was sent to, as far as reports need it. */
export interface SentDocument {
  body: string
  status: string
  anonymisedText: string | null
  version: number
}

/** All SQL for reports: versions, comments and the link to the anonymised document. */
export class ReportRepository {
  readonly #db: Kysely<Database>
  constructor(db: Kysely<Database>) {
    this.#db = db
  }

  /** The newest version, or undefined when nothing has been saved. */
  async latest(reviewId: string, kind: ReportKind): Promise<ReportVersion | undefined> {
    const row = await this.#db
      .selectFrom('report_version')
      .selectAll()
      .where('review_id', '=', reviewId)
      .where('kind', '=', kind)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst()
    return row && toVersion(row)
  }

  /** One version, or undefined. */
  async version(reviewId: string, kind: ReportKind, version: number): Promise<ReportVersion | undefined> {
    const row = await this.#db
      .selectFrom('report_version')
      .selectAll()
      .where('review_id', '=', reviewId)
      .where('kind', '=', kind)
      .where('version', '=', version)
      .executeTakeFirst()
    return row && toVersion(row)
  }

  /** Every version, newest first, without their text. */
  async versions(reviewId: string, kind: ReportKind): Promise<ReportVersionSummary[]> {
    const rows = await this.#db
      .selectFrom('report_version')
      .select(['version', 'note', 'author_id', 'author_name', 'created_at'])
      .where('review_id', '=', reviewId)
      .where('kind', '=', kind)
      .orderBy('version', 'desc')
      .execute()
    return rows.map((r) => ({
      version: Number(r.version),
      note: r.note,
      authorId: r.author_id,
      authorName: r.author_name,
      createdAt: r.created_at,
    }))
  }

  /**
   * Store a new version numbered `version`. Returns false (storing nothing) when that number is
   * already taken: someone else saved first. The unique constraint decides, so two servers cannot
   * both win.
   */
  async insertVersion(
    reviewId: string,
    kind: ReportKind,
    version: number,
    sections: Record<string, string>,
    note: string,
    author: { id: string; name: string },
    now: Date,
  ): Promise<boolean> {
    const taken = await this.#db
      .selectFrom('report_version')
      .select('id')
      .where('review_id', '=', reviewId)
      .where('kind', '=', kind)
      .where('version', '=', version)
      .executeTakeFirst()
    if (taken) return false
    try {
      await this.#db
        .insertInto('report_version')
        .values({
          id: randomUUID(),
          review_id: reviewId,
          kind,
          version,
          sections: JSON.stringify(sections),
          note,
          author_id: author.id,
          author_name: author.name,
          created_at: now.toISOString(),
        })
        .execute()
      return true
    } catch (error) {
      // A save that lost the race between the check above and the insert: the constraint refused it.
      if (isUniqueViolation(error)) return false
      throw error
    }
  }

  async comments(reviewId: string, kind: ReportKind): Promise<ReportComment[]> {
    const rows = await this.#db
      .selectFrom('report_comment')
      .selectAll()
      .where('review_id', '=', reviewId)
      .where('kind', '=', kind)
      .orderBy('created_at')
      .orderBy('id')
      .execute()
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind as ReportKind,
      sectionKey: r.section_key,
      body: r.body,
      authorId: r.author_id,
      authorName: r.author_name,
      createdAt: r.created_at,
      resolvedByName: r.resolved_by_name,
      resolvedAt: r.resolved_at,
    }))
  }

  async addComment(
    reviewId: string,
    kind: ReportKind,
    sectionKey: string,
    body: string,
    author: { id: string; name: string },
    now: Date,
  ): Promise<string> {
    const id = randomUUID()
    await this.#db
      .insertInto('report_comment')
      .values({
        id,
        review_id: reviewId,
        kind,
        section_key: sectionKey,
        body,
        author_id: author.id,
        author_name: author.name,
        created_at: now.toISOString(),
        resolved_by: null,
        resolved_by_name: null,
        resolved_at: null,
      })
      .execute()
    return id
  }

  /** Mark a comment resolved (once: a resolved comment keeps who resolved it first). False when there is no such comment. */
  async resolveComment(
    reviewId: string,
    kind: ReportKind,
    commentId: string,
    by: { id: string; name: string },
    now: Date,
  ): Promise<boolean> {
    const exists = await this.#db
      .selectFrom('report_comment')
      .select('id')
      .where('review_id', '=', reviewId)
      .where('kind', '=', kind)
      .where('id', '=', commentId)
      .executeTakeFirst()
    if (!exists) return false
    await this.#db
      .updateTable('report_comment')
      .set({ resolved_by: by.id, resolved_by_name: by.name, resolved_at: now.toISOString() })
      .where('id', '=', commentId)
      .where('resolved_at', 'is', null)
      .execute()
    return true
  }

  async anonymisationLink(reviewId: string, kind: ReportKind): Promise<AnonymisationLink | undefined> {
    const row = await this.#db
      .selectFrom('report_anonymisation')
      .selectAll()
      .where('review_id', '=', reviewId)
      .where('kind', '=', kind)
      .executeTakeFirst()
    return (
      row && {
        documentId: row.document_id,
        sentVersion: Number(row.sent_version),
        sentTextSha256: row.sent_text_sha256,
        sentAt: row.sent_at,
      }
    )
  }

  async saveAnonymisationLink(
    reviewId: string,
    kind: ReportKind,
    link: Omit<AnonymisationLink, 'sentAt'>,
    by: string,
    now: Date,
  ): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      await trx.deleteFrom('report_anonymisation').where('review_id', '=', reviewId).where('kind', '=', kind).execute()
      await trx
        .insertInto('report_anonymisation')
        .values({
          review_id: reviewId,
          kind,
          document_id: link.documentId,
          sent_version: link.sentVersion,
          sent_text_sha256: link.sentTextSha256,
          sent_by: by,
          sent_at: now.toISOString(),
        })
        .execute()
    })
  }

  /**
   * The review_document a report was sent to (read-only; the case-knowledge slice owns it). Read here
   * rather than through its service because publication state needs no original text to be shown.
   */
  async sentDocument(reviewId: string, documentId: string): Promise<SentDocument | undefined> {
    const row = await this.#db
      .selectFrom('review_document')
      .select(['body', 'status', 'anonymised_text', 'version'])
      .where('review_id', '=', reviewId)
      .where('id', '=', documentId)
      .executeTakeFirst()
    return (
      row && { body: row.body, status: row.status, anonymisedText: row.anonymised_text, version: Number(row.version) }
    )
  }
}

function toVersion(row: {
  version: number
  sections: string
  note: string
  author_id: string
  author_name: string
  created_at: string
}): ReportVersion {
  return {
    version: Number(row.version),
    sections: JSON.parse(row.sections) as Record<string, string>,
    note: row.note,
    authorId: row.author_id,
    authorName: row.author_name,
    createdAt: row.created_at,
  }
}

/** SQLite ("UNIQUE constraint failed") or PostgreSQL (code 23505). */
function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string; errcode?: string }
  return e?.code === '23505' || /UNIQUE constraint failed/i.test(e?.message ?? '')
}
