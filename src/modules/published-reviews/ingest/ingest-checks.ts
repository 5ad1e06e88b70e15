import { checkForLeaks, type Place } from '../../../anonymisation/index.ts'
import { areaName } from '../../publication/publication.ts'
import type { IncidentNature, Theme } from '../published-review.ts'

/** Themes that only fit a child who died. */
const DEATH_ONLY_THEMES: ReadonlySet<Theme> = new Set<Theme>([
  'homicide',
  'sudden_unexpected_infant_death_unsafe_sleep',
])

/**
 * The suggested themes that fit the nature of the incident: a child who survived (serious harm)
 * is never given a theme that means the child died ("Homicide", "Sudden unexpected infant death").
 * Pure; keeps the order.
 */
export function themesForNature<T extends { theme: Theme }>(themes: readonly T[], nature: IncidentNature | null): T[] {
  return nature === 'serious_harm' ? themes.filter((t) => !DEATH_ONLY_THEMES.has(t.theme)) : [...themes]
}

/**
 * A theme the curator chose that contradicts the nature of the incident, as a message in GOV.UK
 * error style, or null. Pure.
 */
export function themeNatureProblem(themes: readonly Theme[], nature: IncidentNature | null): string | null {
  if (nature !== 'serious_harm') return null
  const wrong = themes.filter((t) => DEATH_ONLY_THEMES.has(t))
  if (wrong.length === 0) return null
  return 'A child who survived cannot have the theme “Homicide” or “Sudden unexpected infant death”: untick it, or change the nature of the incident to death'
}

/** The names an entry published as "Anonymous" must not give away. */
export interface AnonymousEntryNames {
  readonly area?: string | null
  readonly partnership?: string | null
  readonly region?: string | null
}

/**
 * The words of `text` that name the entry's own area, partnership or region, found by the
 * anonymisation leak gate (so "Marlshire's" and capitalisation variants are found too), in order
 * of appearance and without repeats. Only these place matches count here: the gate's generic
 * detections (dates, people) are not what this check is about. Pure; never throws.
 */
export function anonymousAreaWords(text: string, names: AnonymousEntryNames): string[] {
  const given = [names.area, names.partnership, names.region].map((n) => n?.trim() ?? '').filter(Boolean)
  if (names.partnership?.trim()) given.push(areaName(names.partnership.trim()))
  const unique = [...new Set(given)]
  if (!text.trim() || unique.length === 0) return []
  const places: Place[] = unique.map((name) => ({ name, kind: 'town' }))
  const found = checkForLeaks(text, [], places)
    .filter((leak) => leak.placeName !== undefined)
    .map((leak) => leak.text)
  // The gate may miss a name it does not treat as a place name; a plain whole-word match backs it up.
  for (const name of unique) {
    const match = new RegExp(`(?<![\\p{L}\\p{N}])${escape(name)}(?![\\p{L}\\p{N}])`, 'iu').exec(text)
    if (match && !found.some((f) => f.toLowerCase().includes(match[0].toLowerCase()))) found.push(match[0])
  }
  return [...new Set(found)]
}

/**
 * The message for a summary of an "Anonymous" entry that names its own area, naming the words to
 * remove, or null when there are none. Pure.
 */
export function anonymousAreaProblem(summary: string, names: AnonymousEntryNames): string | null {
  const words = anonymousAreaWords(summary, names)
  if (words.length === 0) return null
  return `The summary names the area of a review published as Anonymous: remove ${words.map((w) => `“${w}”`).join(', ')}`
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
