import type { Detection, Recognizer } from '../types.ts'

/**
 * Land-registry and cadastral numbers: the plot, parcel, lot, block, sheet/plan, title or
 * registration number that places a property, kept whole across its internal punctuation.
 *
 * Styles implemented (each after its label, with or without "no." / "nos." / "number"):
 * - cadastral plots and parcels: "plot no. 937", "parcel 1204/3", "plots nos. 260, 268, 119/5,
 *   164.9, 121/2/3 and 425" (every code of the list);
 * - sheets and plans: "sheet/plan 33/21.2.3", "sheet/plan 24/59W2", "map sheet 12-B";
 *   a block after a plot ("plot no. 900 of block D") and a sheet/plan after it
 *   ("no. 142, sheet/plan 33/29") are masked with it, as one mention;
 * - land-registry titles and registrations: "title number WYK123456", "registration no. D-4840",
 *   "land register folio 1057".
 *
 * The label itself is left visible ("plot no. ▮"): it says what kind of thing was masked. Never
 * matches a code without its label, a statute ("section 12/3" has no such label), a sum of money or a
 * date: a code must hold a digit and must not be a date ("12/03/2004"). Pure; never throws.
 */
const LABEL = String.raw`\b(?:[Pp]lots?|[Pp]arcels?|[Ll]ots?|[Bb]locks?|[Ss]heet/plan|[Ss]heets?|[Pp]lans?|[Ff]olios?|[Tt]itle\s+(?:[Nn]umbers?|[Nn]os?\.)|[Rr]egistration|[Cc]adastral\s+(?:[Nn]o\.|[Nn]umber))`
const NUMBER_WORD = String.raw`(?:\s+(?:[Nn]os?\.|[Nn]umbers?|[Nn]r\.?))?`
// One code: letters and digits joined by / . : - (at least one digit), e.g. 119/5, 33/21.2.3, 59W2, D-4840.
const CODE = String.raw`(?:[A-Z]{1,4}-?)?\d[\dA-Z]*(?:[/.:-][\dA-Z]+)*`
const LIST = String.raw`${CODE}(?:(?:,\s*|\s+and\s+|\s+or\s+)${CODE}(?![\p{L}]))*`
const PATTERN = new RegExp(String.raw`${LABEL}${NUMBER_WORD}\s+(${LIST})(?![\p{L}\p{N}]|[/.:-]\d)`, 'gu')
// What continues the same mention after a code: "of block D", ", sheet/plan 33/29".
const CONTINUATION = new RegExp(
  String.raw`^(?:\s+of\s+block\s+[A-Z\d]{1,4}\b|,?\s+(?:sheet/plan|sheet|plan|block)${NUMBER_WORD}\s+${CODE})`,
  'u',
)
const DATE_LIKE = /^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}$/

/** The land-registry number recognizer (see the module comment). Never throws. */
export function createLandRegistryRecognizer(): Recognizer {
  return {
    name: 'land-registry',
    analyze(text: string): Detection[] {
      const out: Detection[] = []
      for (const m of text.matchAll(PATTERN)) {
        const codes = m[1]
        // a date, or a year standing alone after a bare label ("the Settlement Plan 2004")
        if (
          DATE_LIKE.test(codes) ||
          (/^(?:19|20)\d\d$/.test(codes) && !/\s(?:[Nn]os?\.|[Nn]umbers?|[Nn]r\.?)\s/u.test(m[0]))
        )
          continue
        const start = m.index + m[0].length - codes.length
        // already part of the mention before it ("plot no. 937, sheet/plan 3/21.2.3")
        if (out.length > 0 && start < out[out.length - 1].end) continue
        let end = start + codes.length
        for (
          let more = CONTINUATION.exec(text.slice(end, end + 40));
          more;
          more = CONTINUATION.exec(text.slice(end, end + 40))
        )
          end += more[0].length
        out.push({
          entityType: 'CODE',
          start,
          end,
          score: 0.7,
          recognizer: 'land-registry',
          explanation: 'land-registry or cadastral number (plot, parcel, sheet or title)',
        })
      }
      return out
    },
  }
}
