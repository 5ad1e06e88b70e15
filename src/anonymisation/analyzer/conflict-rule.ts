import type { Detection, EntityType } from '../types.ts'

const PLACE_LIKE: ReadonlySet<EntityType> = new Set(['ADDRESS', 'LOC', 'ORG', 'POSTCODE'])
// Types whose leftover piece is still worth masking when a stronger detection takes part of them.
const TRIMMABLE: ReadonlySet<EntityType> = new Set(['ADDRESS', 'LOC', 'ORG', 'CODE', 'CASE_REFERENCE'])

/** True when the detection came from case knowledge (it names a cast member or a listed place). */
export function isCaseAware(d: Detection): boolean {
  return d.castId !== undefined || d.placeName !== undefined
}

/**
 * Resolves overlapping detections into non-overlapping spans. The rule, in order:
 *
 * 1. **Place containment.** Between two place-like detections (ADDRESS, LOC, ORG, POSTCODE) where
 *    one strictly contains the other, the container wins whatever its source — "Eastwick General
 *    Hospital" is one hospital, not the town "Eastwick" plus words — and inherits the contained
 *    one's `castId` / `placeName` when it has none.
 * 2. **Case-aware beats generic.** A detection naming a cast member or listed place beats one
 *    that does not ("John Smith" as Mother's partner beats a generic title-name guess).
 * 3. **Longer beats shorter** ("PC 2291 Walker" beats "PC 2291").
 * 4. **Higher score beats lower**, then earlier start, then recognizer name (so the result is
 *    deterministic).
 *
 * Winners are taken greedily in that order. A loser that partly overlaps a winner is cut to the
 * parts no winner covers when it is a place, address or code (the rest of an address beside a
 * name still needs masking); other losers are dropped.
 * `text` is the analysed text, used to trim whitespace and punctuation off cut pieces.
 * Contract: pure; never throws; returns new detection objects sorted by start, none overlapping.
 */
export function resolveConflicts(detections: readonly Detection[], text = ''): Detection[] {
  // copies, because rule 1 moves castId / placeName between detections
  let list = detections.filter((d) => d.end > d.start).map((d) => ({ ...d }))
  // rule 1
  const dropped = new Set<Detection>()
  for (const a of list) {
    if (!PLACE_LIKE.has(a.entityType)) continue
    for (const b of list) {
      if (a === b || !PLACE_LIKE.has(b.entityType) || dropped.has(b)) continue
      const contains = a.start <= b.start && a.end >= b.end && a.end - a.start > b.end - b.start
      if (!contains) continue
      dropped.add(b)
      if (a.castId === undefined && b.castId !== undefined) a.castId = b.castId
      if (
        a.placeName === undefined &&
        b.placeName !== undefined &&
        (a.entityType === b.entityType || (a.entityType === 'ADDRESS' && b.value === 'street'))
      )
        a.placeName = b.placeName
    }
  }
  list = list.filter((d) => !dropped.has(d))

  const ordered = [...list].sort(compareForPriority)
  const taken: Array<[number, number]> = []
  const winners: Detection[] = []
  for (const d of ordered) {
    const free = uncovered(d.start, d.end, taken)
    if (free.length === 1 && free[0][0] === d.start && free[0][1] === d.end) {
      winners.push(d)
      insert(taken, [d.start, d.end])
      continue
    }
    if (!TRIMMABLE.has(d.entityType)) continue
    // cut to the free parts that still carry letters or digits
    for (const [s, e] of free) {
      const [ts, te] = trimEdges(text, s, e)
      if (te - ts < 2) continue
      winners.push({ ...d, start: ts, end: te, explanation: `${d.explanation} (part)` })
      insert(taken, [ts, te])
    }
  }
  return winners.sort((a, b) => a.start - b.start || a.end - b.end)
}

/** Priority order of rules 2–4: negative when `a` should win over `b`. */
export function compareForPriority(a: Detection, b: Detection): number {
  return (
    Number(isCaseAware(b)) - Number(isCaseAware(a)) ||
    b.end - b.start - (a.end - a.start) ||
    b.score - a.score ||
    a.start - b.start ||
    a.recognizer.localeCompare(b.recognizer)
  )
}

function trimEdges(text: string, s: number, e: number): [number, number] {
  while (s < e && /[\s,;:.()\-–]/.test(text[s] ?? ' ')) s++
  while (e > s && /[\s,;:.()\-–]/.test(text[e - 1] ?? ' ')) e--
  return [s, e]
}

function uncovered(start: number, end: number, taken: ReadonlyArray<[number, number]>): Array<[number, number]> {
  const out: Array<[number, number]> = []
  let cur = start
  for (const [s, e] of taken) {
    if (e <= cur) continue
    if (s >= end) break
    if (s > cur) out.push([cur, Math.min(s, end)])
    cur = Math.max(cur, e)
    if (cur >= end) break
  }
  if (cur < end) out.push([cur, end])
  return out
}

function insert(taken: Array<[number, number]>, span: [number, number]): void {
  let i = 0
  while (i < taken.length && taken[i][0] < span[0]) i++
  taken.splice(i, 0, span)
}
