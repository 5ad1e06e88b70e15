/**
 * The two documents of a review and their section templates: the overview report and the executive
 * summary (section 5 of `../shared/reference/safeguarding-reviews.md`). A section's number is its
 * place in the template, so paragraph 3.2 is the second paragraph of the third section.
 */

export const REPORT_KINDS = ['overview_report', 'executive_summary'] as const
export type ReportKind = (typeof REPORT_KINDS)[number]

/** One section of a template: a stable key (stored), its heading, a hint for the writer, and headings it is known by. */
export interface SectionTemplate {
  readonly key: string
  readonly title: string
  readonly hint: string
  /** Matched against a heading of an imported draft (lower case, numbering removed). */
  readonly matches: RegExp
}

export interface ReportTemplate {
  readonly kind: ReportKind
  /** 'Overview report' | 'Executive summary' */
  readonly title: string
  /** In URLs: `overview-report` | `executive-summary`. */
  readonly slug: string
  readonly sections: readonly SectionTemplate[]
}

const OVERVIEW: ReportTemplate = {
  kind: 'overview_report',
  title: 'Overview report',
  slug: 'overview-report',
  sections: [
    {
      key: 'introduction',
      title: 'Introduction',
      hint: 'The circumstances that led to the review and its purpose.',
      matches: /introduction|circumstances/,
    },
    {
      key: 'terms_of_reference',
      title: 'Terms of reference',
      hint: 'The period under review and the key lines of enquiry.',
      matches: /terms of reference|scope/,
    },
    {
      key: 'methodology',
      title: 'Methodology',
      hint: 'How the review was carried out and who took part.',
      matches: /methodology|method|who took part/,
    },
    {
      key: 'childs_voice',
      title: 'The child’s voice',
      hint: 'What the child said, showed or experienced, and how it was heard.',
      matches: /child.?s voice|voice of the child|lived experience/,
    },
    {
      key: 'familys_voice',
      title: 'The family’s voice',
      hint: 'The family’s views, as they gave them to the review.',
      matches: /family.?s voice|family.?s views|family views|family involvement/,
    },
    {
      key: 'background',
      title: 'Family background',
      hint: 'Keep it minimal: only what the analysis needs.',
      matches: /background/,
    },
    {
      key: 'key_events',
      title: 'Summary of key events',
      hint: 'A summary, not the whole chronology: refer to chronology entries instead of repeating them.',
      matches: /key events|summary of events|what happened|chronology/,
    },
    {
      key: 'analysis',
      title: 'Analysis of key practice episodes',
      hint: 'Why practice happened as it did, by theme, without hindsight bias.',
      matches: /analysis|key practice episode/,
    },
    { key: 'findings', title: 'Findings', hint: 'What the review found, and why.', matches: /finding/ },
    {
      key: 'good_practice',
      title: 'Good practice',
      hint: 'Practice that helped the child.',
      matches: /good practice/,
    },
    {
      key: 'recommendations',
      title: 'Recommendations',
      hint: 'Few, each addressed to a named body, with the action, the measure of success and the timescale.',
      matches: /recommendation/,
    },
    { key: 'appendices', title: 'Appendices', hint: 'Chronology summary, glossary.', matches: /appendi|glossary/ },
  ],
}

const EXECUTIVE_SUMMARY: ReportTemplate = {
  kind: 'executive_summary',
  title: 'Executive summary',
  slug: 'executive-summary',
  sections: [
    {
      key: 'circumstances',
      title: 'Circumstances and process',
      hint: 'Why the review was carried out and how.',
      matches: /why this review|circumstances|introduction|process/,
    },
    {
      key: 'reviewers',
      title: 'Who conducted the review',
      hint: 'The lead reviewer and the panel.',
      matches: /who conducted|reviewer|review team/,
    },
    {
      key: 'parallel_processes',
      title: 'Parallel processes',
      hint: 'Police investigation, inquest, domestic homicide review.',
      matches: /parallel/,
    },
    {
      key: 'family_involvement',
      title: 'Family involvement',
      hint: 'How the family took part and their views.',
      matches: /family/,
    },
    {
      key: 'events',
      title: 'Summary of events',
      hint: 'An anonymised précis: no detailed case history.',
      matches: /what happened|summary of events|précis|precis|events/,
    },
    {
      key: 'key_issues',
      title: 'Key issues and themes',
      hint: 'What the review found.',
      matches: /found|findings|key issues|themes/,
    },
    {
      key: 'priorities',
      title: 'Priorities for learning and change',
      hint: 'What must change first.',
      matches: /priorit|learning/,
    },
    {
      key: 'recommendations',
      title: 'Recommendations',
      hint: 'The recommendations, as in the overview report.',
      matches: /recommendation/,
    },
  ],
}

export const REPORT_TEMPLATES: Readonly<Record<ReportKind, ReportTemplate>> = {
  overview_report: OVERVIEW,
  executive_summary: EXECUTIVE_SUMMARY,
}

/** The template of a kind. */
export function templateOf(kind: ReportKind): ReportTemplate {
  return REPORT_TEMPLATES[kind]
}

/** The kind for a URL slug (`overview-report`), or undefined. */
export function kindFromSlug(slug: string): ReportKind | undefined {
  return REPORT_KINDS.find((k) => REPORT_TEMPLATES[k].slug === slug)
}

/** True when `value` is a kind. */
export function isReportKind(value: unknown): value is ReportKind {
  return typeof value === 'string' && (REPORT_KINDS as readonly string[]).includes(value)
}

/** A section of a kind's template, with its 1-based number, or undefined. */
export function sectionOf(kind: ReportKind, key: string): (SectionTemplate & { number: number }) | undefined {
  const index = templateOf(kind).sections.findIndex((s) => s.key === key)
  return index < 0 ? undefined : { ...templateOf(kind).sections[index], number: index + 1 }
}

/** The template section an imported heading belongs to, or undefined. Numbering ("2.", "Section 3") is ignored. */
export function matchHeading(kind: ReportKind, heading: string): SectionTemplate | undefined {
  const cleaned = heading
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/^\s*(section\s+)?\d+(\.\d+)*[.):]?\s*/, '')
    .trim()
  if (!cleaned) return undefined
  // Appendices are checked before key events, so "Appendix 1: chronology summary" is an appendix.
  const sections = templateOf(kind).sections
  const appendix = sections.find((s) => s.key === 'appendices')
  if (appendix?.matches.test(cleaned)) return appendix
  return sections.find((s) => s.matches.test(cleaned))
}
