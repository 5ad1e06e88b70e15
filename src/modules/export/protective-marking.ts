/**
 * The protective marking every export of case material carries, as text, so that every exporter
 * (report DOCX/PDF/HTML, chronology CSV/XLSX/DOCX, action plan CSV) prints the same words.
 * Case material is OFFICIAL-SENSITIVE (the domain reference, section 6); a draft also carries
 * "DRAFT" and its version. A publication export is public: it carries its publication date instead,
 * and neither OFFICIAL-SENSITIVE nor DRAFT.
 */
import { formatLongDate, type IsoDate } from '../clocks/plain-date.ts'

/** The classification printed on case material. */
export const OFFICIAL_SENSITIVE = 'OFFICIAL-SENSITIVE'

/** What an export is, for its marking. */
export type MarkingSubject =
  /** Case material that is not a versioned draft (a chronology, an action plan). */
  | { kind: 'case_material' }
  /** A draft document, at a version (the real-name report). */
  | { kind: 'draft'; version: number }
  /** The anonymised document as published (or to be published) on a date. */
  | { kind: 'publication'; publishedOn: IsoDate }

/** The marking's lines: the same text goes in the header and the footer. */
export interface ProtectiveMarking {
  /** One line for the top of every page (or the first row of a spreadsheet). */
  header: string
  /** One line for the bottom of every page (or the last row). */
  footer: string
  /** Whether the export is case material (OFFICIAL-SENSITIVE). */
  sensitive: boolean
}

/** The marking for `subject`. Pure; never throws. */
export function protectiveMarking(subject: MarkingSubject): ProtectiveMarking {
  switch (subject.kind) {
    case 'case_material': {
      const line = `${OFFICIAL_SENSITIVE}: case material, do not share beyond those working on the review`
      return { header: line, footer: OFFICIAL_SENSITIVE, sensitive: true }
    }
    case 'draft': {
      const line = `${OFFICIAL_SENSITIVE} | DRAFT version ${subject.version}`
      return { header: line, footer: line, sensitive: true }
    }
    case 'publication': {
      const line = `Publication version, ${formatLongDate(subject.publishedOn)}`
      return { header: line, footer: line, sensitive: false }
    }
  }
}

/** What a report export's cover page shows. */
export interface CoverPage {
  partnership: string
  title: string
  /** "Draft version 3", or "Published 7 December 2026". */
  versionLine: string
  /** The date the export was made, as words ("7 December 2026"). */
  dateLine: string
}

/** The cover page for a report export of `subject`, made on `today`. Pure. */
export function coverPage(partnership: string, title: string, subject: MarkingSubject, today: IsoDate): CoverPage {
  const versionLine =
    subject.kind === 'draft'
      ? `DRAFT version ${subject.version}`
      : subject.kind === 'publication'
        ? `Publication version, ${formatLongDate(subject.publishedOn)}`
        : 'Case material'
  return { partnership, title, versionLine, dateLine: formatLongDate(today) }
}
