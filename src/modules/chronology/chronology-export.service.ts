/**
 * Exports of the integrated chronology the actor may see (CSV, XLSX, DOCX), with confirmed links as "Same
 * event as", every cell escaped against formulas and the protective marking of case material. The files are
 * built by `chronology-export.ts`.
 */
import type { AccessPolicy } from '../access/access.policy.ts'
import type { Actor } from '../access/actor.ts'
import type { AuditService } from '../audit/audit.service.ts'
import { OFFICIAL_SENSITIVE, protectiveMarking } from '../export/protective-marking.ts'
import { toCsv } from '../export/spreadsheet-escape.ts'
import type { ChronologyEntryRepository } from './chronology-entry.repository.ts'
import {
  confirmedLinkLabels,
  EXPORT_HEADER,
  exportRow,
  toChronologyXlsx,
  toDocx,
  XLSX_TYPE,
  type ExportFile,
} from './chronology-export.ts'
import type { IntegratedChronologyService, IntegratedFilter } from './integrated-chronology.service.ts'

/** Use cases of exporting the integrated chronology. */
export class ChronologyExportService {
  readonly #access: AccessPolicy
  readonly #integrated: IntegratedChronologyService
  readonly #entries: ChronologyEntryRepository
  readonly #audit: AuditService

  constructor(deps: {
    access: AccessPolicy
    integrated: IntegratedChronologyService
    entries: ChronologyEntryRepository
    audit: AuditService
  }) {
    this.#access = deps.access
    this.#integrated = deps.integrated
    this.#entries = deps.entries
    this.#audit = deps.audit
  }

  /**
   * The integrated chronology the actor may see, as CSV, XLSX or DOCX; every cell escaped so no
   * spreadsheet runs it as a formula. Audited as `chronology.read` (with the format).
   * Every format carries the protective marking of case material (OFFICIAL-SENSITIVE, not a draft):
   * the CSV a single-cell first line, the XLSX a first row and the page header and footer, the DOCX
   * the page header and footer.
   */
  async export(
    actor: Actor,
    reviewId: string,
    format: 'csv' | 'xlsx' | 'docx',
    filter: IntegratedFilter = {},
  ): Promise<ExportFile> {
    // The policy first; the view checks again (and audits the read) as it would for the page.
    await this.#access.require(actor, 'chronology.read', { review: reviewId })
    const { scope, entries, links } = await this.#integrated.view(actor, reviewId, filter)
    const sameEventAs = await confirmedLinkLabels(entries, links, (id) => this.#entries.findEntry(reviewId, id))
    const rows = entries.map((e) => [...exportRow(e), sameEventAs.get(e.id) ?? ''])
    const base = `${scope.review.reference}-chronology`
    const marking = protectiveMarking({ kind: 'case_material' })
    await this.#audit.recordAction(actor, 'chronology.export', { type: 'review', id: reviewId }, { format })
    if (format === 'csv') {
      return {
        fileName: `${base}.csv`,
        contentType: 'text/csv; charset=utf-8',
        body: toCsv(EXPORT_HEADER, rows, { marking: OFFICIAL_SENSITIVE }),
      }
    }
    if (format === 'xlsx') {
      return { fileName: `${base}.xlsx`, contentType: XLSX_TYPE, body: await toChronologyXlsx(entries, rows, marking) }
    }
    return {
      fileName: `${base}.docx`,
      contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      body: await toDocx(`Integrated chronology – ${scope.review.reference}`, rows, marking),
    }
  }
}
