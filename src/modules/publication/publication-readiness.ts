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
const VOICE_SECTIONS = ['The child’s voice', 'The family’s voice']

/** The readiness of an entry and its documents for publication. Pure; never throws. */
export function publicationReadiness(input: ReadinessInput): Readiness {
  const findings: ReadinessFinding[] = []
  for (const document of input.documents) {
    if (document.text === null) {
      findings.push({
        severity: 'blocker',
        where: document.title,
        quote: null,
        message: `Anonymise the ${lowerFirst(document.title)} before the check can read it`,
      })
      // The draft holds original names: say where the labels are and what they are, with no quote.
      if (document.draftText) {
        findings.push(...markerFindings(document.draftText, document.title).map((f) => ({ ...f, quote: null })))
      }
    } else {
      findings.push(...markerFindings(document.text, document.title))
    }
    const empty = [...document.emptySections].sort(
      (a, b) => Number(VOICE_SECTIONS.includes(b)) - Number(VOICE_SECTIONS.includes(a)),
    )
    for (const section of empty) {
      findings.push({
        severity: 'accept',
        where: `${document.title}, section “${section}”`,
        quote: null,
        message: VOICE_SECTIONS.includes(section)
          ? `${section} is empty: write how ${section.startsWith('The child') ? 'the child’s experience was' : 'the family’s views were'} heard, or accept that the section is not published`
          : `${section} is empty: write it, or accept that the section is not published`,
      })
    }
  }
  if (!input.summary.trim()) {
    findings.push({ severity: 'blocker', where: 'Case summary', quote: null, message: 'Enter and save a case summary' })
  } else {
    findings.push(...markerFindings(input.summary, 'Case summary', false))
  }
  if (input.themes.length === 0) {
    findings.push({
      severity: 'blocker',
      where: 'Learning themes',
      quote: null,
      message: 'Choose at least one learning theme',
    })
  }
  if (!input.publishAsAnonymous && !input.area?.trim()) {
    findings.push({
      severity: 'blocker',
      where: 'Area',
      quote: null,
      message: 'The area is not known: publish as Anonymous or record the partnership',
    })
  }
  input.recommendations.forEach((text, i) => findings.push(...markerFindings(text, `Recommendation ${i + 1}`, false)))
  return {
    findings,
    blockers: findings.filter((f) => f.severity === 'blocker'),
    toAccept: findings.filter((f) => f.severity === 'accept'),
    warnings: findings.filter((f) => f.severity === 'warning'),
    emptySections: input.documents.flatMap((d) => d.emptySections.map((s) => `${d.title}: ${s}`)),
  }
}

/**
 * The markers in `text`, each with its paragraph: the paragraph number written at its start ("1.1"),
 * else the section heading it sits under.
 */
function markerFindings(text: string, title: string, byParagraph = true): ReadinessFinding[] {
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
