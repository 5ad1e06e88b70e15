/**
 * A readable comparison of two versions of a document: word by word, section by section (the
 * `diff` package). Pages show added words in `<ins>` and removed words in `<del>`, with words for
 * screen readers and underline / strike-through so no colour is needed.
 */
import { diffWordsWithSpace } from 'diff'

/** A run of words: unchanged, added in the newer version, or removed from the older one. */
export interface DiffPart {
  change: 'same' | 'added' | 'removed'
  text: string
}

/** One section's changes. */
export interface SectionDiff {
  key: string
  title: string
  number: number
  changed: boolean
  parts: DiffPart[]
}

/**
 * Word-level differences between an older and a newer text. Unchanged text is kept whole, so the
 * parts joined without `removed` give the newer text, and without `added` the older one.
 */
export function diffText(older: string, newer: string): DiffPart[] {
  if (older === newer) return older ? [{ change: 'same', text: older }] : []
  return diffWordsWithSpace(older, newer).map((part) => ({
    change: part.added ? 'added' : part.removed ? 'removed' : 'same',
    text: part.value,
  }))
}

/** Every section of the template, in order, with its changes between two versions' sections. */
export function diffSections(
  sections: ReadonlyArray<{ key: string; title: string }>,
  older: Readonly<Record<string, string>>,
  newer: Readonly<Record<string, string>>,
): SectionDiff[] {
  return sections.map((section, index) => {
    const before = older[section.key] ?? ''
    const after = newer[section.key] ?? ''
    return {
      key: section.key,
      title: section.title,
      number: index + 1,
      changed: before !== after,
      parts: diffText(before, after),
    }
  })
}
