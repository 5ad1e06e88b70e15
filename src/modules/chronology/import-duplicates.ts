/**
 * Recognising rows of an import that are already in the agency's chronology (issue 11): the same date, the
 * same event and the same source record, compared after folding case and runs of whitespace, so that
 * importing the same file twice cannot double the chronology. Pure: no database.
 */
import type { ChronologyDate } from './chronology-date.ts'

/** What identifies an entry for duplicate recognition. */
export interface DuplicateKeyParts {
  date: ChronologyDate
  event: string
  sourceRecord: string
}

/** A row of a staged import that has an entry (no problems). */
export interface StagedKeyRow extends DuplicateKeyParts {
  /** Row number in the file (header = 1). */
  row: number
}

/** An existing entry of the agency, draft or submitted. */
export interface ExistingEntryKey extends DuplicateKeyParts {
  id: string
  status: 'draft' | 'submitted'
}

/** A row of the file that is already in the chronology, and the entry it matches. */
export interface DuplicateRow {
  row: number
  entryId: string
  status: 'draft' | 'submitted'
}

/** What the contributor chose to do with rows already in the chronology. */
export type DuplicateChoice = 'skip' | 'replace'

/** Folds case and whitespace (including non-breaking spaces) so re-typed or re-exported text still matches. */
function fold(text: string): string {
  return text.normalize('NFKC').replace(/\s+/gu, ' ').trim().toLowerCase()
}

/**
 * The comparison key of an entry: its date range and precision, folded event and source record. Two
 * entries with the same key are the same record of the same event. Never throws.
 */
export function duplicateKey(parts: DuplicateKeyParts): string {
  return JSON.stringify([parts.date.start, parts.date.end, fold(parts.event), fold(parts.sourceRecord)])
}

/**
 * The rows of a file already in the chronology, in file order, each with the first existing entry it matches
 * (submitted entries before drafts, so a row is reported as "already submitted" when it is). A row repeated in
 * the file is not a duplicate of itself: only existing entries count.
 */
export function findDuplicates(rows: readonly StagedKeyRow[], existing: readonly ExistingEntryKey[]): DuplicateRow[] {
  const byKey = new Map<string, ExistingEntryKey>()
  for (const e of [...existing].sort((a, b) => (a.status === b.status ? 0 : a.status === 'submitted' ? -1 : 1))) {
    const key = duplicateKey(e)
    if (!byKey.has(key)) byKey.set(key, e)
  }
  const found: DuplicateRow[] = []
  for (const r of rows) {
    const match = byKey.get(duplicateKey(r))
    if (match) found.push({ row: r.row, entryId: match.id, status: match.status })
  }
  return found
}

/**
 * What a commit does with the duplicates: rows not inserted (`skipRows`, every duplicate), and for "replace"
 * the existing entries whose text the row replaces (one row per entry: a later row with the same key is
 * skipped).
 */
export function duplicatePlan(
  duplicates: readonly DuplicateRow[],
  choice: DuplicateChoice,
): { skipRows: number[]; replace: Array<{ row: number; entryId: string }> } {
  const skipRows = duplicates.map((d) => d.row)
  if (choice === 'skip') return { skipRows, replace: [] }
  const seen = new Set<string>()
  const replace = duplicates.filter((d) => !seen.has(d.entryId) && seen.add(d.entryId))
  return { skipRows, replace: replace.map((d) => ({ row: d.row, entryId: d.entryId })) }
}
