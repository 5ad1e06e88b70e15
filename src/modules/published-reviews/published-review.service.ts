import { randomUUID } from 'node:crypto'
import type { SearchFilters, SearchIndex, SearchOptions, SearchResponse } from '../../search/search-index.ts'
import type { AccessPolicy } from '../access/access.policy.ts'
import type { Actor } from '../access/actor.ts'
import { NotFoundError, ValidationError } from '../errors.ts'
import { toCsv } from '../export/spreadsheet-escape.ts'
import { extractDocument, UnreadableDocumentError, type UploadedFile } from './ingest/extract-text.ts'
import { sanitiseHtml, htmlToText } from './ingest/html-text.ts'
import { suggestMetadata, type MetadataSuggestions } from './ingest/suggest-metadata.ts'
import {
  AGE_BANDS,
  AGE_BAND_LABELS,
  THEMES,
  THEME_LABELS,
  keepUntil,
  reviewTitle,
  suppress,
  type AgeBand,
  type PublishedDocument,
  type PublishedReview,
  type SuppressedCount,
  type Theme,
} from './published-review.ts'
import type {
  NewPublishedDocument,
  PublishedReviewRepository,
  RecommendationRow,
} from './published-review.repository.ts'
import { SearchResponseCache } from './search-response-cache.ts'
import { cosine, groupSimilar, TfIdfModel, type Vector } from './text-similarity.ts'

// The input schema lives in its own module (the ingest service uses it too); re-exported here
// because the publication slice imports it from this file.
export { publishInputSchema, type PublishInput } from './publish-input.ts'
import { publishInputSchema, type PublishInput } from './publish-input.ts'

/** For each recommendation of a review, the most similar recommendations made in earlier reviews. */
export interface RecommendedBefore {
  readonly recommendation: { readonly id: string; readonly position: number; readonly text: string }
  readonly similar: readonly {
    readonly reviewId: string
    readonly reviewTitle: string
    readonly year: number
    readonly text: string
    /** Cosine similarity, 0–1. */
    readonly score: number
  }[]
}

/** Thematic statistics for a query and filters, with small numbers suppressed. */
export interface ThematicStatistics {
  readonly total: SuppressedCount
  /** Years present, newest first (counts ignore a year filter, so the whole series shows). */
  readonly byYear: readonly { readonly year: string; readonly count: SuppressedCount }[]
  /** Every age band in order, zeros included (counts ignore an age-band filter). */
  readonly byAgeBand: readonly { readonly band: AgeBand; readonly label: string; readonly count: SuppressedCount }[]
  /** Themes found together with the selection, most frequent first (selected themes left out). */
  readonly coOccurringThemes: readonly {
    readonly theme: Theme
    readonly label: string
    readonly count: SuppressedCount
  }[]
  /** Groups of similar recommendations made in at least two reviews, most repeated first (at most 20). */
  readonly repeatedRecommendations: readonly {
    readonly text: string
    /** Distinct reviews that made it. */
    readonly reviews: SuppressedCount
    readonly examples: readonly {
      readonly reviewId: string
      readonly reviewTitle: string
      readonly year: number
      readonly text: string
    }[]
  }[]
}

/** What ingesting a file suggests, for the curator to confirm or correct. */
export interface IngestSuggestion {
  readonly fileName: string
  readonly format: PublishedDocument['format']
  readonly text: string
  readonly suggestions: MetadataSuggestions
}

export interface PublishedReviewServiceOptions {
  readonly repository: PublishedReviewRepository
  readonly searchIndex: SearchIndex
  /** The access policy (curators need `repository.curate`; refusals are audited there). */
  readonly access: AccessPolicy
  readonly now?: () => Date
  /** Cache of public search responses (default: 500 responses for 30 s; `{ max: 0 }` turns it off). */
  readonly searchCache?: { readonly max?: number }
}

/** Similarity at or above which two recommendations count as "the same" when grouping. */
const SAME_RECOMMENDATION = 0.5
/** Recommendations considered when grouping (the oldest reviews beyond this are left out). */
const MAX_GROUPED_RECOMMENDATIONS = 20_000

/**
 * The published repository's use cases. Publishing and ingesting need `repository.curate`; reading
 * and searching are public (no actor). Every text stored here must be anonymised and published.
 */
export class PublishedReviewService {
  readonly #repository: PublishedReviewRepository
  readonly #search: SearchIndex
  readonly #access: AccessPolicy
  readonly #now: () => Date
  readonly #searchCache: SearchResponseCache
  #model: { version: string; model: TfIdfModel; rows: RecommendationRow[]; vectors: Vector[] } | null = null

  constructor(options: PublishedReviewServiceOptions) {
    this.#repository = options.repository
    this.#search = options.searchIndex
    this.#access = options.access
    this.#now = options.now ?? (() => new Date())
    this.#searchCache = new SearchResponseCache(options.searchCache)
  }

  /**
   * Publish (or re-publish) a review: validate, extract document text, store, index. An entry with
   * no area is published as "Anonymous" and keeps no partnership or region.
   * @throws AccessDeniedError without `repository.curate`; ValidationError for invalid input or an
   * unreadable file (field `documents`).
   */
  async publish(actor: Actor, input: PublishInput): Promise<PublishedReview> {
    await this.#access.require(actor, 'repository.curate', {
      subject: { type: 'published_review', id: input.id ?? null },
    })
    const parsed = publishInputSchema.safeParse(input)
    if (!parsed.success) {
      throw new ValidationError(
        parsed.error.issues.map((i) => ({ field: String(i.path[0] ?? 'form'), message: i.message })),
      )
    }
    const data = parsed.data
    const documents: NewPublishedDocument[] = []
    for (const d of data.documents) {
      if (d.file) {
        let extracted
        try {
          extracted = await extractDocument(d.file)
        } catch (error) {
          if (error instanceof UnreadableDocumentError)
            throw new ValidationError([{ field: 'documents', message: error.message }])
          throw error
        }
        const keepBytes = extracted.format !== 'html'
        documents.push({
          id: randomUUID(),
          title: d.title,
          format: extracted.format,
          fileName: d.file.fileName,
          contentType: extracted.contentType,
          html: extracted.html,
          text: extracted.text,
          byteSize: d.file.data.byteLength,
          content: keepBytes ? d.file.data : null,
        })
      } else if (d.html !== undefined) {
        documents.push({
          id: randomUUID(),
          title: d.title,
          format: 'html',
          fileName: null,
          contentType: 'text/html',
          html: sanitiseHtml(d.html),
          text: htmlToText(d.html),
          byteSize: Buffer.byteLength(d.html),
          content: null,
        })
      } else {
        throw new ValidationError([{ field: 'documents', message: 'Add the HTML text or a file for each document' }])
      }
    }
    const now = this.#now().toISOString()
    const publishedAt = data.publishedAt ? new Date(data.publishedAt).toISOString() : now
    const area = data.area ?? 'Anonymous'
    // Published as Anonymous: the partnership and region would say where it was, in the entry, its
    // facets, the search index and the statistics. They are never kept (whoever sent them).
    const anonymous = data.area === null
    const review: PublishedReview = {
      id: data.id ?? randomUUID(),
      title: reviewTitle(data.year, area, data.pseudonym),
      pseudonym: data.pseudonym,
      year: data.year,
      area,
      partnership: anonymous ? null : data.partnership,
      region: anonymous ? null : data.region,
      reviewType: data.reviewType,
      natureOfIncident: data.natureOfIncident ?? null,
      childAgeBand: data.childAgeBand ?? null,
      sex: data.sex ?? null,
      ethnicGroup: data.ethnicGroup ?? null,
      reviewModel: data.reviewModel,
      themes: [...new Set(data.themes)],
      agencies: [...new Set(data.agencies)],
      keywords: [...new Set(data.keywords)],
      summary: data.summary,
      recommendations: data.recommendations.map((text, i) => ({ id: randomUUID(), position: i + 1, text })),
      documents: documents.map(({ content: _content, ...d }) => d),
      publishedAt,
      keepUntil: keepUntil(publishedAt, data.keepUntil),
    }
    await this.#repository.save(review, documents, actor.userId, now)
    await this.#search.index({
      id: review.id,
      title: review.title,
      summary: review.summary,
      body: [
        ...documents.map((d) => d.text),
        ...review.recommendations.map((r) => r.text),
        review.keywords.join(', '),
        review.themes.map((t) => THEME_LABELS[t]).join(', '),
      ].join('\n\n'),
      publishedAt: review.publishedAt,
      area: review.area,
      facets: {
        year: review.year,
        region: review.region,
        partnership: review.partnership,
        reviewType: review.reviewType,
        natureOfIncident: review.natureOfIncident,
        childAgeBand: review.childAgeBand,
        sex: review.sex,
        ethnicGroup: review.ethnicGroup,
        reviewModel: review.reviewModel,
        themes: review.themes,
        agencies: review.agencies,
      },
    })
    // After the index: a search that reads the new number finds the review (on every instance).
    await this.#repository.bumpChangeNumber()
    return review
  }

  /**
   * Take a review out of the repository and the index.
   * @throws AccessDeniedError without `repository.curate`; NotFoundError for an unknown id.
   */
  async unpublish(actor: Actor, id: string): Promise<void> {
    await this.#access.require(actor, 'repository.curate', { subject: { type: 'published_review', id } })
    await this.#search.remove(id)
    const deleted = await this.#repository.delete(id)
    await this.#repository.bumpChangeNumber()
    if (!deleted) throw new NotFoundError('No published review has that id')
  }

  /**
   * Read a file and suggest its metadata (themes, age band, review type, pseudonym, year,
   * recommendations) for the curator to confirm. Stores nothing.
   * @throws AccessDeniedError without `repository.curate`; ValidationError for an unreadable file.
   */
  async suggest(actor: Actor, file: UploadedFile): Promise<IngestSuggestion> {
    await this.#access.require(actor, 'repository.curate')
    try {
      const extracted = await extractDocument(file)
      return {
        fileName: file.fileName,
        format: extracted.format,
        text: extracted.text,
        suggestions: suggestMetadata(extracted.text, this.#now()),
      }
    } catch (error) {
      if (error instanceof UnreadableDocumentError)
        throw new ValidationError([{ field: 'file', message: error.message }])
      throw error
    }
  }

  /**
   * Public search (no actor). Never throws for any query text; see {@link SearchIndex.search}.
   * Responses are cached (see {@link SearchResponseCache}) under the repository's change number, read
   * from the database on each search, so a publish or unpublish on any instance is seen at once.
   */
  async search(query: string, options: SearchOptions = {}): Promise<SearchResponse> {
    const changeNumber = await this.#repository.changeNumber()
    return this.#searchCache.get(changeNumber, query, options, () => this.#search.search(query, options))
  }

  /** A published review (public). @throws NotFoundError when there is none with that id. */
  async get(id: string): Promise<PublishedReview> {
    const review = await this.#repository.find(id)
    if (!review) throw new NotFoundError('No published review has that id')
    return review
  }

  /** A document's bytes for download (PDF, DOCX) or its HTML (public). @throws NotFoundError. */
  async getDocument(
    reviewId: string,
    documentId: string,
  ): Promise<{ document: PublishedDocument; content: Uint8Array | null }> {
    const found = await this.#repository.findDocumentContent(reviewId, documentId)
    if (!found) throw new NotFoundError('No such document')
    return found
  }

  /**
   * For each recommendation of a review, up to `limit` (default 3, 1–10) recommendations of earlier
   * reviews (earlier year, or the same year and published before) with similarity ≥ `minScore`
   * (default 0.2), best first. Public. @throws NotFoundError for an unknown review.
   */
  async recommendedBefore(
    reviewId: string,
    options: { limit?: number; minScore?: number } = {},
  ): Promise<RecommendedBefore[]> {
    const review = await this.get(reviewId)
    const limit = Math.max(1, Math.min(10, Math.floor(options.limit ?? 3)))
    const minScore = options.minScore ?? 0.2
    const { model, rows, vectors } = await this.#recommendationModel()
    const earlier = rows
      .map((row, index) => ({ row, index }))
      .filter(
        ({ row }) =>
          row.reviewId !== review.id &&
          (row.year < review.year || (row.year === review.year && row.publishedAt < review.publishedAt)),
      )
    return review.recommendations.map((recommendation) => {
      const v = model.vector(recommendation.text)
      const scored = earlier
        .map(({ row, index }) => ({ row, score: cosine(v, vectors[index]) }))
        .filter((s) => s.score >= minScore)
        .sort((a, b) => b.score - a.score || b.row.year - a.row.year)
      // One match per earlier review: the best of its recommendations.
      const seen = new Set<string>()
      const similar = []
      for (const s of scored) {
        if (seen.has(s.row.reviewId)) continue
        seen.add(s.row.reviewId)
        similar.push({
          reviewId: s.row.reviewId,
          reviewTitle: s.row.reviewTitle,
          year: s.row.year,
          text: s.row.text,
          score: Math.round(s.score * 1000) / 1000,
        })
        if (similar.length >= limit) break
      }
      return { recommendation, similar }
    })
  }

  /** Thematic statistics for a query and filters (public), small counts suppressed. Never throws except on database failure. */
  async statistics(query: string, filters: SearchFilters = {}): Promise<ThematicStatistics> {
    const response = await this.#search.search(query, { filters, pageSize: 0 })
    const bandCounts = new Map(response.facets.childAgeBand.map((f) => [f.value, f.count]))
    const selected = new Set(filters.themes ?? [])
    const ids = await this.#search.matchingIds(query, filters)
    const rows = (await this.#repository.listRecommendations(ids)).slice(-MAX_GROUPED_RECOMMENDATIONS)
    const model = new TfIdfModel(rows.map((r) => r.text))
    const groups = groupSimilar(
      rows.map((r) => model.vector(r.text)),
      SAME_RECOMMENDATION,
    )
      .map((g) => g.map((i) => rows[i]))
      .map((members) => ({ members, reviews: new Set(members.map((m) => m.reviewId)).size }))
      .filter((g) => g.reviews >= 2)
      .sort((a, b) => b.reviews - a.reviews)
      .slice(0, 20)
    return {
      total: suppress(response.total),
      byYear: response.facets.year.map((f) => ({ year: f.value, count: suppress(f.count) })),
      byAgeBand: AGE_BANDS.map((band) => ({
        band,
        label: AGE_BAND_LABELS[band],
        count: suppress(bandCounts.get(band) ?? 0),
      })),
      coOccurringThemes: response.facets.themes
        .filter((f) => !selected.has(f.value) && (THEMES as readonly string[]).includes(f.value))
        .map((f) => ({ theme: f.value as Theme, label: THEME_LABELS[f.value as Theme], count: suppress(f.count) })),
      repeatedRecommendations: groups.map((g) => {
        const byReview = new Map<string, RecommendationRow>()
        for (const m of g.members) if (!byReview.has(m.reviewId)) byReview.set(m.reviewId, m)
        const examples = [...byReview.values()].slice(-5).reverse()
        return {
          text: examples[0].text,
          reviews: suppress(g.reviews),
          examples: examples.map((m) => ({
            reviewId: m.reviewId,
            reviewTitle: m.reviewTitle,
            year: m.year,
            text: m.text,
          })),
        }
      }),
    }
  }

  /** Every published review's metadata (no recommendations or documents), newest year first (public). */
  async catalogue(): Promise<PublishedReview[]> {
    return this.#repository.listAll()
  }

  /** The whole catalogue as CSV (BOM, CRLF, every cell escaped against formulas). Public. */
  async catalogueCsv(): Promise<string> {
    const reviews = await this.#repository.listAll()
    return toCsv(
      [
        'id',
        'title',
        'year',
        'area',
        'region',
        'review_type',
        'nature_of_incident',
        'child_age_band',
        'sex',
        'ethnic_group',
        'review_model',
        'themes',
        'agencies',
        'keywords',
        'summary',
        'published_at',
      ],
      reviews.map((r) => [
        r.id,
        r.title,
        String(r.year),
        r.area,
        r.region,
        r.reviewType,
        r.natureOfIncident,
        r.childAgeBand,
        r.sex,
        r.ethnicGroup,
        r.reviewModel,
        r.themes.join('; '),
        r.agencies.join('; '),
        r.keywords.join('; '),
        r.summary,
        r.publishedAt,
      ]),
    )
  }

  async #recommendationModel(): Promise<{ model: TfIdfModel; rows: RecommendationRow[]; vectors: Vector[] }> {
    const version = await this.#repository.recommendationsVersion()
    if (this.#model?.version === version) return this.#model
    const rows = await this.#repository.listRecommendations()
    const model = new TfIdfModel(rows.map((r) => r.text))
    this.#model = { version, model, rows, vectors: rows.map((r) => model.vector(r.text)) }
    return this.#model
  }
}
