/**
 * Drafting and confidentiality markers left in text meant for the public: "DRAFT v0.3", "not for
 * publication", "confidential", "do not circulate", version labels. A pure library (no I/O): the
 * publication readiness check lists them, and the publication export refuses the ones that block.
 */

/** How serious a marker is: a blocker stops publication; a warning asks a person to look. */
export type MarkerSeverity = 'blocker' | 'warning'

/** One marker found in a text. Offsets are UTF-16 code units into the text given. */
export interface DraftingMarker {
  /** The words found, as written. */
  found: string
  /** What kind of marker it is, in plain English ("a drafting marker"). */
  kind: string
  severity: MarkerSeverity
  start: number
  end: number
}

interface MarkerRule {
  pattern: RegExp
  kind: string
  severity: MarkerSeverity
}

// Why each is here: the demo drafts (and real panel drafts) carry these lines in headings and
// status notes, and the old publication PDF printed them. Upper-case DRAFT, "draft v0.3" and
// "draft version 2" are labels, never prose, so they block; a lower-case "draft" may be prose
// ("the panel agreed the draft"), so a person is asked to look.
const RULES: readonly MarkerRule[] = [
  {
    pattern: /\bnot\s+for\s+(?:publication|circulation)\b/giu,
    kind: 'a “not for publication” marker',
    severity: 'blocker',
  },
  {
    pattern: /\bdo\s+not\s+(?:circulate|distribute|share)\b/giu,
    kind: 'a “do not circulate” marker',
    severity: 'blocker',
  },
  {
    pattern: /\bdraft\s+(?:v\d+(?:\.\d+)*|version\s+\d+(?:\.\d+)*)\b/giu,
    kind: 'a drafting marker',
    severity: 'blocker',
  },
  { pattern: /\bDRAFT\b/gu, kind: 'a drafting marker', severity: 'blocker' },
  { pattern: /\bconfidential\b/giu, kind: 'a confidentiality marker', severity: 'blocker' },
  { pattern: /\bOFFICIAL[-\s]SENSITIVE\b/giu, kind: 'a protective marking', severity: 'blocker' },
  { pattern: /\bv\d+\.\d+(?:\.\d+)*\b/giu, kind: 'a version label', severity: 'warning' },
  { pattern: /\bdraft(?:s|ed|ing)?\b/giu, kind: 'the word “draft”', severity: 'warning' },
]

/**
 * Every marker in `text`, in order of position; where two rules match overlapping words the first
 * (more serious) one is kept. Pure; never throws.
 */
export function findDraftingMarkers(text: string): DraftingMarker[] {
  const found: DraftingMarker[] = []
  for (const rule of RULES) {
    for (const match of text.matchAll(rule.pattern)) {
      const start = match.index
      const end = start + match[0].length
      if (found.some((f) => start < f.end && end > f.start)) continue
      found.push({ found: match[0], kind: rule.kind, severity: rule.severity, start, end })
    }
  }
  return found.sort((a, b) => a.start - b.start)
}

/** Only the markers that must be removed before anything is published. Pure; never throws. */
export function blockingDraftingMarkers(text: string): DraftingMarker[] {
  return findDraftingMarkers(text).filter((m) => m.severity === 'blocker')
}

/**
 * A short quote around a marker for a person to find it: up to `around` characters each side,
 * cut at word boundaries, with "…" where cut. Pure.
 */
export function quoteAround(text: string, start: number, end: number, around = 60): string {
  let from = Math.max(0, start - around)
  let to = Math.min(text.length, end + around)
  if (from > 0) from = text.indexOf(' ', from) + 1 || from
  if (to < text.length) to = text.lastIndexOf(' ', to) > end ? text.lastIndexOf(' ', to) : to
  const quote = text.slice(from, to).replace(/\s+/g, ' ').trim()
  return `${from > 0 ? '…' : ''}${quote}${to < text.length ? '…' : ''}`
}
