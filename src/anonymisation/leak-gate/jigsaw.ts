import type { Place } from '../case-types.ts'
import { createDemographicRecognizer } from '../recognizers/demographic.recognizer.ts'
import { createInstitutionRecognizer } from '../recognizers/institution.recognizer.ts'
import { createStreetNameRecognizer } from '../recognizers/street-name.recognizer.ts'
import { createTownNameRecognizer } from '../recognizers/town-name.recognizer.ts'

/** A quasi-identifier left in published text that could help identify the child with others. */
export interface JigsawWarning {
  kind:
    | 'month-of-death'
    | 'named-place'
    | 'unusual-condition'
    | 'siblings'
    | 'demographic'
    | 'age-with-date'
    | 'media'
    | 'proceedings'
    | 'occupation'
    | 'combination'
  start: number
  end: number
  text: string
  /** A short reason a reviewer can read. */
  reason: string
}

const MONTH = '(?:January|February|March|April|May|June|July|August|September|October|November|December)'

const CONDITIONS =
  /\b(?:[A-Z][a-z]+(?:['’]s)?\s+syndrome|syndrome|rare\s+(?:condition|disease|disorder|genetic)|genetic\s+(?:condition|disorder)|cystic fibrosis|spina bifida|cerebral palsy|sickle cell|muscular dystrophy|leukaemia|cancer|tumour|heart defect|congenital|cleft (?:lip|palate)|amputat\w+|hydrocephalus|microcephaly|brittle bone|osteogenesis imperfecta|phenylketonuria|PKU|Tay-Sachs|thalassaemia|haemophilia|deaf|blind|wheelchair|tube[- ]fed|gastrostomy|tracheostomy)\b/gi

const RULES: ReadonlyArray<readonly [JigsawWarning['kind'], RegExp, string]> = [
  [
    'month-of-death',
    new RegExp(
      `\\b(?:died|death|passed away|was found dead|pronounced dead|killed|(?<!non-)fatal)\\b[^.]{0,80}?\\b${MONTH}\\s+\\d{4}\\b|\\b${MONTH}\\s+\\d{4}\\b[^.]{0,60}?\\b(?:died|death|passed away|killed)\\b`,
      'gi',
    ),
    'month and year of a death can be matched with death notices, inquests and news reports',
  ],
  ['unusual-condition', CONDITIONS, 'a specific or unusual medical condition narrows down who the child is'],
  [
    'siblings',
    /\b(?:(?:one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:older\s+|younger\s+|half[- ]|step[- ]|full\s+)?(?:siblings|brothers|sisters|half[- ]siblings)|(?:half[- ])?(?:brother|sister|sibling)s?,?\s+(?:who\s+(?:was|were|is|are)\s+)?aged\s+[\w\s,-]{1,30}?(?:and\s+\w+)?|(?:twins?|triplets))\b/gi,
    'the number and ages of siblings, with other details, can identify the family',
  ],
  [
    'age-with-date',
    new RegExp(
      `\\b(?:aged\\s+\\w+(?:\\s+(?:months?|years?|weeks?))?|\\w+[- ](?:months?|years?|weeks?)[- ]old)\\b[^.]{0,80}?\\b${MONTH}\\s+\\d{4}\\b`,
      'gi',
    ),
    "the child's exact age beside a month and year gives the month of birth",
  ],
  [
    'media',
    /\b(?:newspapers?|press|media|news reports?|BBC|ITV|Sky News|headlines?|went viral|Facebook post|social media posts?|petition|vigil)\b/gi,
    'mentions of media coverage let readers link the review to named news reports',
  ],
  [
    'proceedings',
    new RegExp(
      `\\b(?:trial|sentenced|convicted|pleaded|charged|inquest|hearing|Crown Court)\\b[^.]{0,80}?\\b(?:${MONTH}\\s+\\d{4}|\\d{4})\\b`,
      'gi',
    ),
    'the timing of criminal proceedings can be matched with public court lists and reports',
  ],
  [
    'occupation',
    /\b(?:works?|worked|working|employed)\s+as\s+an?\s+[a-z]+(?:\s+[a-z]+)?|\b(?:is|was)\s+an?\s+(?:teacher|nurse|police officer|soldier|footballer|councillor|doctor|firefighter|paramedic|solicitor|vicar|imam|priest)\b/gi,
    "a parent's specific job can identify the family in a small community",
  ],
]

/** Options of `findJigsawRisks`. */
export interface JigsawOptions {
  /** The review's places: retained names (the publishing area) are not warned about. */
  places?: readonly Place[]
}

/**
 * Jigsaw warnings: quasi-identifiers left in (published) text that, harmless alone, could identify
 * the child together — month of death, named places (a town or street guessed from its form, a
 * named institution), unusual medical conditions, number and ages of siblings, specific ethnicity
 * or religion, an exact age beside a month and year, media coverage, timing of proceedings, a
 * parent's job. When two or more kinds occur, a `combination` warning lists them. For a person to
 * judge, not a gate. Contract: pure; never throws; offsets UTF-16.
 */
export function findJigsawRisks(text: string, options: JigsawOptions = {}): JigsawWarning[] {
  const out: JigsawWarning[] = []
  for (const [kind, re, reason] of RULES) {
    re.lastIndex = 0
    let m: RegExpExecArray | null
    while ((m = re.exec(text)) !== null) {
      // the anonymiser's own labels ("[social media handle]") are not details
      if (/\[[^\]]*$/.test(text.slice(Math.max(0, m.index - 30), m.index))) continue
      out.push({ kind, start: m.index, end: m.index + m[0].length, text: m[0], reason })
    }
  }
  const retained = (options.places ?? []).filter((p) => p.retain).map((p) => p.name.toLowerCase())
  for (const r of [createTownNameRecognizer(), createStreetNameRecognizer(), createInstitutionRecognizer()]) {
    for (const d of r.analyze(text)) {
      const t = text.slice(d.start, d.end)
      if (retained.some((n) => n.includes(t.toLowerCase()) || t.toLowerCase().includes(n))) continue
      out.push({
        kind: 'named-place',
        start: d.start,
        end: d.end,
        text: t,
        reason: 'a named place or institution can locate the family, above all a small one',
      })
    }
  }
  for (const d of createDemographicRecognizer().analyze(text)) {
    if (d.score < 0.5) continue
    out.push({
      kind: 'demographic',
      start: d.start,
      end: d.end,
      text: text.slice(d.start, d.end),
      reason: 'a specific nationality, ethnicity or religion narrows down the family; consider a broader term',
    })
  }
  out.sort((a, b) => a.start - b.start)
  const kinds = [...new Set(out.map((w) => w.kind))]
  if (kinds.length >= 2) {
    out.push({
      kind: 'combination',
      start: 0,
      end: 0,
      text: '',
      reason: `together these details could identify the child: ${kinds.map((k) => k.replace(/-/g, ' ')).join(', ')}`,
    })
  }
  return out
}
