/**
 * The publication readiness check: what stops the chair approving publication, and what a person
 * should look at first, worked out from the text that will be published (both anonymised documents,
 * the case summary, the recommendations) and the entry's details. Pure: no database, no web.
 */
import { findDraftingMarkers, quoteAround } from '../export/drafting-markers.ts'
import { lowerFirst } from '../text.ts'

/** What the check reads. */
export interface ReadinessInput {
  /** Both documents: the anonymised text (null while not anonymised and current) and their empty sections. */
  documents: ReadonlyArray<{
    title: string
    text: string | null
    /** The draft (original names), searched for drafting labels only while `text` is null; never quoted. */
    draftText?: string | null
    emptySections: readonly string[]
  }>
  summary: string
  /** Every theme the entry will carry (the findings' and those chosen). */
  themes: readonly string[]
  /** The area the entry is published under; null when published as "Anonymous". */
  area: string | null
  publishAsAnonymous: boolean
  recommendations: readonly string[]
}

/**
 * One thing found. `blocker`: approval is refused until it is fixed. `accept`: the chair must say
 * they accept it (an empty section is left out of the published report). `warning`: worth a look.
 */
export interface ReadinessFinding {
  severity: 'blocker' | 'accept' | 'warning'
  /** Where it is, in words: "Overview report, paragraph 1.1", "Case summary". */
  where: string
  /** The words around it, so a person can find it; null when there is nothing to quote. */
  quote: string | null
  /** What to do, in plain English. */
  message: string
  /**
   * Whose work it is: a document's (its writer's: anonymising it, its drafting labels, its empty
   * sections), the publication details' (the coordinator's: summary, themes, area, title) or a
   * recommendation's.
   */
  part: 'document' | 'details' | 'recommendation'
  /** The document's title when `part` is "document"; null otherwise. */
  document: string | null
  /** What was found: a document not anonymised yet, a drafting marker, an empty section, something missing. */
  kind: 'not_anonymised' | 'marker' | 'empty_section' | 'missing'
  /** The section's title, for an empty section. */
  section?: string
}

/** The check's answer. */
export interface Readiness {
  findings: ReadinessFinding[]
  blockers: ReadinessFinding[]
  toAccept: ReadinessFinding[]
  warnings: ReadinessFinding[]
  /** The empty sections, by document ("Overview report: The child’s voice"), for the approval record. */
  emptySections: string[]
}

/** Sections whose emptiness is named first: the review should say how the child and the family were heard. */
export const VOICE_SECTIONS: readonly string[] = ['The child’s voice', 'The family’s voice']

/** The readiness of an entry and its documents for publication. Pure; never throws. */
export function publicationReadiness(input: ReadinessInput): Readiness {
  const findings: ReadinessFinding[] = []
  for (const document of input.documents) {
    if (document.text === null) {
      findings.push({
        severity: 'blocker',
        where: document.title,
        quote: null,
        part: 'document',
        document: document.title,
        kind: 'not_anonymised',
        message: `Anonymise the ${lowerFirst(document.title)} before the check can read it`,
      })
      // The draft holds original names: say where the labels are and what they are, with no quote.
      if (document.draftText) {
        findings.push(
          ...markerFindings(document.draftText, document.title, 'document').map((f) => ({ ...f, quote: null })),
        )
      }
    } else {
      findings.push(...markerFindings(document.text, document.title, 'document'))
    }
    const empty = [...document.emptySections].sort(
      (a, b) => Number(VOICE_SECTIONS.includes(b)) - Number(VOICE_SECTIONS.includes(a)),
    )
    for (const section of empty) {
      findings.push({
        severity: 'accept',
        where: `${document.title}, section “${section}”`,
        quote: null,
        part: 'document',
        document: document.title,
        kind: 'empty_section',
        section,
        message: VOICE_SECTIONS.includes(section)
          ? `${section} is empty: write how ${section.startsWith('The child') ? 'the child’s experience was' : 'the family’s views were'} heard, or accept that the section is not published`
          : `${section} is empty: write it, or accept that the section is not published`,
      })
    }
  }
  if (!input.summary.trim()) {
    findings.push({ ...details('Case summary'), message: 'Enter and save a case summary' })
  } else {
    findings.push(...markerFindings(input.summary, 'Case summary', 'details'))
  }
  if (input.themes.length === 0) {
    findings.push({ ...details('Learning themes'), message: 'Choose at least one learning theme' })
  }
  if (!input.publishAsAnonymous && !input.area?.trim()) {
    findings.push({
      ...details('Area'),
      message: 'The area is not known: publish as Anonymous or record the partnership',
    })
  }
  input.recommendations.forEach((text, i) =>
    findings.push(...markerFindings(text, `Recommendation ${i + 1}`, 'recommendation')),
  )
  return {
    findings,
    blockers: findings.filter((f) => f.severity === 'blocker'),
    toAccept: findings.filter((f) => f.severity === 'accept'),
    warnings: findings.filter((f) => f.severity === 'warning'),
    emptySections: input.documents.flatMap((d) => d.emptySections.map((s) => `${d.title}: ${s}`)),
  }
}

/** A blocker in the publication details (the coordinator's part), with nothing to quote. */
const details = (where: string) =>
  ({ severity: 'blocker', where, quote: null, part: 'details', document: null, kind: 'missing' }) as const

/**
 * The markers in `text`, each with its paragraph (in a document): the paragraph number written at its
 * start ("1.1"), else the section heading it sits under.
 */
function markerFindings(text: string, title: string, part: ReadinessFinding['part']): ReadinessFinding[] {
  const byParagraph = part === 'document'
  const findings: ReadinessFinding[] = []
  let offset = 0
  let section: string | null = null
  for (const block of text.split(/\n\s*\n/)) {
    const start = text.indexOf(block, offset)
    offset = start + block.length
    const heading = /^#{1,6}\s+(.+)$/m.exec(block)
    for (const marker of findDraftingMarkers(block)) {
      const number = /^\s*(\d+\.\d+)\s/.exec(block)?.[1]
      const where = !byParagraph
        ? title
        : number
          ? `${title}, paragraph ${number}`
          : heading
            ? `${title}, heading “${heading[1].trim()}”`
            : section
              ? `${title}, section “${section}”`
              : title
      findings.push({
        severity: marker.severity,
        where,
        quote: quoteAround(block, marker.start, marker.end),
        part,
        document: part === 'document' ? title : null,
        kind: 'marker',
        message:
          marker.severity === 'blocker'
            ? `Remove ${marker.kind} (“${marker.found}”): nothing marked as a draft or confidential may be published`
            : `Check ${marker.kind} (“${marker.found}”) is meant to be published`,
      })
    }
    if (heading && /^##\s/.test(heading[0])) section = heading[1].trim()
  }
  return findings
}
