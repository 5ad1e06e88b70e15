import type { Detection, EntityType, Recognizer } from '../types.ts'

/** One regular expression of a pattern recognizer and how to turn its matches into detections. */
export interface PatternRule {
  /** Must carry the `g` flag; matched with `exec` over the whole text. */
  regex: RegExp
  entityType: EntityType
  /** Base score 0–1 when `validate` does not override it. */
  score: number
  explanation: string
  /** Capture group holding the identifier (default: the whole match). */
  group?: number
  /**
   * Checks a candidate. Returns `false` to reject, `true` to keep as is, or an object to override
   * score / explanation / value.
   */
  validate?: (
    value: string,
    match: RegExpExecArray,
    text: string,
  ) => boolean | { score?: number; explanation?: string; value?: string; trimStart?: number }
}

/**
 * Builds a recognizer from regular-expression rules (the pattern-recognizer idea of Presidio).
 * Contract: pure; never throws (a rule that throws on a candidate just rejects it); offsets UTF-16.
 */
export function createPatternRecognizer(name: string, rules: readonly PatternRule[]): Recognizer {
  return {
    name,
    analyze(text: string): Detection[] {
      const out: Detection[] = []
      for (const rule of rules) {
        const re = new RegExp(
          rule.regex.source,
          rule.regex.flags.includes('g') ? rule.regex.flags : rule.regex.flags + 'g',
        )
        let m: RegExpExecArray | null
        while ((m = re.exec(text)) !== null) {
          if (m[0].length === 0) {
            re.lastIndex++
            continue
          }
          const g = rule.group ?? 0
          const value = m[g]
          if (value === undefined) continue
          const start = g === 0 ? m.index : m.index + m[0].indexOf(value)
          let verdict: ReturnType<NonNullable<PatternRule['validate']>>
          try {
            verdict = rule.validate ? rule.validate(value, m, text) : true
          } catch {
            verdict = false
          }
          if (verdict === false) continue
          const extra = verdict === true ? {} : verdict
          out.push({
            entityType: rule.entityType,
            start: start + (extra.trimStart ?? 0),
            end: start + value.length,
            score: extra.score ?? rule.score,
            recognizer: name,
            explanation: extra.explanation ?? rule.explanation,
            ...(extra.value !== undefined ? { value: extra.value } : {}),
          })
        }
      }
      // two rules may find the same span ("crime ref 12/34567/23"); report it once, best score first
      out.sort((a, b) => a.start - b.start || a.end - b.end || b.score - a.score)
      return out.filter((d, i) => i === 0 || d.start !== out[i - 1].start || d.end !== out[i - 1].end)
    },
  }
}
