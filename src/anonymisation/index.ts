/**
 * Public API of the anonymisation library (pure: no database, no web, no I/O).
 *
 * Typical use for one document of a review:
 *
 *     const register = PseudonymRegister.fromJSON(stored)      // per review
 *     const result = anonymiseDocument(text, { cast, places, register })
 *     // result.text, result.replacements, result.leaks (must be empty to publish), result.jigsaw
 *     store(register.toJSON())
 */
import { createAnalyzer, type AnalyzerOptions } from './analyzer/analyzer.ts'
import { anonymise, type Replacement } from './anonymizer/anonymise.ts'
import type { DateStyle } from './anonymizer/operators.ts'
import { PseudonymRegister } from './anonymizer/pseudonym-register.ts'
import type { CastMember, Place } from './case-types.ts'
import { findJigsawRisks, type JigsawWarning } from './leak-gate/jigsaw.ts'
import { checkForLeaks, type Leak } from './leak-gate/leak-gate.ts'
import type { Detection, Recognizer } from './types.ts'

export type { Detection, EntityType, Recognizer } from './types.ts'
export { ENTITY_TYPES } from './types.ts'
export type { CastMember, CastAddress, Place, CaseKnowledge } from './case-types.ts'
export {
  createAnalyzer,
  mergeAddressChains,
  type Analyzer,
  type AnalyzerOptions,
  type Analysis,
} from './analyzer/analyzer.ts'
export { resolveConflicts, compareForPriority, isCaseAware } from './analyzer/conflict-rule.ts'
export { anonymise, type AnonymiseOptions, type AnonymiseResult, type Replacement } from './anonymizer/anonymise.ts'
export { chooseReplacement, monthsBetween, type DateStyle, type OperatorName } from './anonymizer/operators.ts'
export {
  PseudonymRegister,
  genericPlacePhrase,
  type PseudonymRegisterData,
  type RegisterEntry,
} from './anonymizer/pseudonym-register.ts'
export { checkForLeaks, type Leak, type LeakGateOptions } from './leak-gate/leak-gate.ts'
export { findJigsawRisks, type JigsawWarning } from './leak-gate/jigsaw.ts'
export { createGenericRecognizers, createCaseRecognizers } from './recognizers/index.ts'

/** Options of `anonymiseDocument`. */
export interface AnonymiseDocumentOptions {
  cast?: readonly CastMember[]
  places?: readonly Place[]
  /** The review's register; new labels are added to it. Default: a fresh one. */
  register?: PseudonymRegister
  /** Extra recognizers, e.g. the statistical tagger. */
  recognizers?: readonly Recognizer[]
  dateStyle?: DateStyle
  childId?: string
  /** Passed to the analyzer (default 0.4). */
  minScore?: AnalyzerOptions['minScore']
}

/** Everything a reviewer needs about one anonymised document. */
export interface AnonymisedDocument {
  text: string
  /** What was replaced, where (offsets in the original) and why. */
  replacements: Replacement[]
  /** The detections the replacements came from. */
  detections: Detection[]
  /** What the leak gate still finds in `text`; must be empty before the document is marked anonymised. */
  leaks: Leak[]
  /** Quasi-identifiers left in `text` that together could identify the child, for a person to judge. */
  jigsaw: JigsawWarning[]
  register: PseudonymRegister
}

/**
 * Analyses, anonymises and checks one document: detections → operators → leak gate → jigsaw
 * warnings. Contract: pure apart from adding labels to `register`; never throws.
 */
export function anonymiseDocument(text: string, options: AnonymiseDocumentOptions = {}): AnonymisedDocument {
  const cast = options.cast ?? []
  const places = options.places ?? []
  const register = options.register ?? new PseudonymRegister()
  const analyzer = createAnalyzer({ cast, places, recognizers: options.recognizers, minScore: options.minScore })
  const { detections } = analyzer.analyze(text)
  const result = anonymise(text, detections, {
    register,
    cast,
    places,
    dateStyle: options.dateStyle,
    childId: options.childId,
  })
  const leaks = checkForLeaks(result.text, cast, places, { recognizers: options.recognizers })
  const jigsaw = findJigsawRisks(result.text, { places })
  return { text: result.text, replacements: result.replacements, detections, leaks, jigsaw, register }
}
