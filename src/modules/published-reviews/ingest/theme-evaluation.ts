import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { THEMES, type Theme } from '../published-review.ts'
import { suggestThemes } from './suggest-metadata.ts'

/** One labelled report of the evaluation set. */
export interface LabelledReport {
  readonly name: string
  readonly text: string
  readonly themes: readonly Theme[]
}

/** Precision and recall of one theme over the set (null when undefined: nothing suggested / nothing labelled). */
export interface ThemeScore {
  readonly theme: Theme
  readonly truePositives: number
  readonly falsePositives: number
  readonly falseNegatives: number
  readonly precision: number | null
  readonly recall: number | null
}

/**
 * The labelled set: the synthetic reports in `fixturesDir/reports` with `fixturesDir/labels.json`,
 * plus the demo case's draft reports labelled with its themes.json. Throws if a file is missing.
 */
export function loadLabelledReports(fixturesDir: string, demoCaseDir: string): LabelledReport[] {
  const labels = (
    JSON.parse(readFileSync(join(fixturesDir, 'labels.json'), 'utf8')) as { labels: Record<string, Theme[]> }
  ).labels
  const reports: LabelledReport[] = readdirSync(join(fixturesDir, 'reports'))
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((name) => ({
      name,
      text: readFileSync(join(fixturesDir, 'reports', name), 'utf8'),
      themes: labels[name] ?? [],
    }))
  const demoThemes = (JSON.parse(readFileSync(join(demoCaseDir, 'themes.json'), 'utf8')) as { themes: Theme[] }).themes
  for (const name of ['executive-summary-draft.md', 'overview-report-draft.md']) {
    reports.push({ name: `demo-case/${name}`, text: readFileSync(join(demoCaseDir, name), 'utf8'), themes: demoThemes })
  }
  return reports
}

/** Per-theme and micro-averaged precision/recall of `suggestThemes` on the reports. Never throws. */
export function evaluateThemeSuggestions(reports: readonly LabelledReport[]): {
  perTheme: ThemeScore[]
  micro: { precision: number; recall: number; f1: number }
} {
  const counts = new Map<Theme, { tp: number; fp: number; fn: number }>(THEMES.map((t) => [t, { tp: 0, fp: 0, fn: 0 }]))
  for (const report of reports) {
    const suggested = new Set(suggestThemes(report.text).map((s) => s.theme))
    const truth = new Set(report.themes)
    for (const theme of THEMES) {
      const c = counts.get(theme)!
      if (suggested.has(theme) && truth.has(theme)) c.tp++
      else if (suggested.has(theme)) c.fp++
      else if (truth.has(theme)) c.fn++
    }
  }
  let tp = 0
  let fp = 0
  let fn = 0
  const perTheme = THEMES.map((theme) => {
    const c = counts.get(theme)!
    tp += c.tp
    fp += c.fp
    fn += c.fn
    return {
      theme,
      truePositives: c.tp,
      falsePositives: c.fp,
      falseNegatives: c.fn,
      precision: c.tp + c.fp > 0 ? c.tp / (c.tp + c.fp) : null,
      recall: c.tp + c.fn > 0 ? c.tp / (c.tp + c.fn) : null,
    }
  })
  const precision = tp + fp > 0 ? tp / (tp + fp) : 0
  const recall = tp + fn > 0 ? tp / (tp + fn) : 0
  return {
    perTheme,
    micro: { precision, recall, f1: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0 },
  }
}
