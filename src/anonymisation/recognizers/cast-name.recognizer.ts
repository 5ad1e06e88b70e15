import type { CastMember } from '../case-types.ts'
import type { Detection, Recognizer } from '../types.ts'
import {
  ACRONYMS,
  CAPITALISED_REPORT_WORDS,
  NAME_LIKE_WORDS,
  POLICE_RANKS,
  TITLES,
} from '../lexicon/common-words.lexicon.ts'
import { isKnownGivenName, nameVariants } from '../lexicon/name-diminutives.lexicon.ts'
import { spellingKey } from '../lexicon/name-spelling.lexicon.ts'
import { serviceNameAround } from '../lexicon/service-names.lexicon.ts'
import { bareName } from './cast-notes.ts'
import { editDistance, isSentenceStart, soundKey, wordCase } from '../text-utils.ts'

/** How a written form relates to the cast member's recorded names; earlier kinds are stronger evidence. */
export type NameFormKind = 'name' | 'other-name' | 'nickname' | 'role-alias' | 'misspelling'

interface NameForm {
  castId: string
  kind: NameFormKind
  part: 'given' | 'middle' | 'surname'
  /** May stand alone as a mention (a middle name only counts beside another part). */
  standalone: boolean
  /** The recorded name this form was derived from (lower case), for explanations. */
  source: string
}

/** The names of one cast member, split into parts; titles and collar numbers removed. */
export interface ParsedName {
  given: string[]
  middle: string[]
  surname: string[]
}

const KIN_ALIASES: ReadonlyArray<readonly [RegExp, string[]]> = [
  [/grandmother|grandma|nan\b/i, ['nan', 'nana', 'nanna', 'nanny', 'gran', 'granny', 'grandma', 'nanan']],
  [/grandfather|grandad/i, ['grandad', 'granddad', 'grandpa', 'gramps', 'pops', 'grampy']],
]

/** Words after a lone name at the start of a sentence that show it is a person ("Mark said ..."). */
const PERSON_CONTEXT =
  /^["”’']?(?:['’]s\b|,|\s+(?:said|says|told|tells|was|is|had|has|and|who|would|could|did|does|took|went|came|saw|met|gave|made|left|rang|felt|knew|thought|will|wanted|asked|agreed|denied|stayed|lived|visited|phoned|called|attended|reported|explained|recorded|noted|described|disclosed|refused|declined|[a-z]+ed)\b)/

/**
 * Splits a recorded full name into given, middle and surname parts: leading titles and ranks ("Dr",
 * "PC") and collar numbers are dropped; a one-word name is a given name. Never throws.
 */
export function parseFullName(fullName: string): ParsedName {
  const words = fullName
    .trim()
    .split(/\s+/)
    .filter((w) => w && !/^\d+$/.test(w))
  while (words.length > 1 && TITLES.has(words[0].toLowerCase().replace(/\.$/, ''))) words.shift()
  if (words.length === 0) return { given: [], middle: [], surname: [] }
  if (words.length === 1) return { given: [words[0]], middle: [], surname: [] }
  return { given: [words[0]], middle: words.slice(1, -1), surname: [words[words.length - 1]] }
}

/** Every lower-case form under which a word can be written: itself and, for "Smith-Jones", its parts. */
function withHyphenParts(word: string): string[] {
  const w = word.toLowerCase().replace(/’/g, "'")
  const parts = w.split('-').filter((p) => p.length > 1)
  return parts.length > 1 ? [w, ...parts] : [w]
}

/** A short, name-free description of a cast member for explanations ("Mother", "Health Visitor 1"). */
function describe(m: CastMember): string {
  return m.expected_pseudonym || m.role || m.id
}

/** Options of the case-aware name recognizer. */
export interface CastNameRecognizerOptions {
  /** Look for misspellings (edit distance 1 for names of 5+ letters, or the same sound key). Default true. */
  misspellings?: boolean
}

/**
 * Case-aware person-name recognizer fed by the review's cast. Finds every form practitioners
 * write: full name, given name alone, surname alone, other names, titles and ranks before a name
 * with or without a collar number ("Mrs Smith", "PC 2291 Smith"), possessives (the `'s` stays
 * outside the span), diminutives and nicknames from the lexicon ("Tommy" for Thomas), kinship
 * aliases for grandparents ("Nan"), initials ("TW", "T.W."), any letter case ("CALLOWAY"),
 * hyphenated and double-barrelled names and their parts, and likely misspellings (edit distance
 * 1 for names of five or more letters, or the same sound key, accepted only beside another part of
 * the same name, after a title, or mid-sentence when the word is not an ordinary word or another
 * known given name). Names that are ordinary words ("Mark", "Hart") are matched only when
 * capitalised, and not alone at the start of a sentence without a sign they are a person.
 * Cast members with `retain: true` are skipped. A mention that fits several people (a shared
 * surname) is attributed to the one most recently named, else the first in the cast.
 * Contract: pure; never throws; offsets UTF-16; scores 0.55–0.98.
 */
export function createCastNameRecognizer(
  cast: readonly CastMember[],
  options: CastNameRecognizerOptions = {},
): Recognizer {
  const members = cast.filter((m) => !m.retain && m.full_name)
  const order = new Map(members.map((m, i) => [m.id, i]))
  const byId = new Map(members.map((m) => [m.id, m]))
  const exact = new Map<string, NameForm[]>()
  const add = (form: string, f: NameForm): void => {
    const list = exact.get(form) ?? []
    if (!list.some((x) => x.castId === f.castId && x.kind === f.kind && x.part === f.part)) list.push(f)
    exact.set(form, list)
  }
  const initials = new Map<string, Set<string>>()
  const addInitials = (castId: string, letters: string[]): void => {
    if (letters.length < 2) return
    const key = letters.join('').toUpperCase()
    const set = initials.get(key) ?? new Set()
    set.add(castId)
    initials.set(key, set)
  }
  // names of 5+ letters, for misspelling lookups: sound key → forms, and delete-one neighbourhood → names
  const longNames: Array<{ name: string; castId: string; part: NameForm['part'] }> = []

  for (const m of members) {
    const names = [{ parsed: parseFullName(bareName(m.full_name) || m.full_name), other: false }]
    // coordinators write notes beside aliases ('"Bubs" nickname used by friends'): keep the name only
    for (const o of m.other_names ?? []) {
      const name = o ? bareName(o) : ''
      if (name) names.push({ parsed: parseFullName(name), other: true })
    }
    for (const { parsed, other } of names) {
      const kind: NameFormKind = other ? 'other-name' : 'name'
      for (const g of parsed.given)
        for (const f of withHyphenParts(g)) add(f, { castId: m.id, kind, part: 'given', standalone: true, source: g })
      for (const s of parsed.surname)
        for (const f of withHyphenParts(s)) add(f, { castId: m.id, kind, part: 'surname', standalone: true, source: s })
      for (const mid of parsed.middle)
        for (const f of withHyphenParts(mid))
          add(f, { castId: m.id, kind, part: 'middle', standalone: false, source: mid })
      for (const g of parsed.given) {
        for (const v of nameVariants(g)) {
          if (CAPITALISED_REPORT_WORDS.has(v)) continue
          add(v, { castId: m.id, kind: 'nickname', part: 'given', standalone: true, source: g })
        }
      }
      const all = [...parsed.given, ...parsed.middle, ...parsed.surname]
      if (parsed.given.length && parsed.surname.length) {
        // "Smith-Jones" gives both "J" and "JS" as the surname's initials
        const surnameParts = parsed.surname[0].split('-').filter(Boolean)
        for (const sur of [[surnameParts[0][0]], surnameParts.map((x) => x[0])]) {
          addInitials(m.id, [parsed.given[0][0], ...sur])
          if (parsed.middle.length) addInitials(m.id, [parsed.given[0][0], ...parsed.middle.map((x) => x[0]), ...sur])
        }
      }
      for (const n of all) {
        for (const part of withHyphenParts(n))
          if (part.length >= 5)
            longNames.push({
              name: part,
              castId: m.id,
              part: parsed.surname.includes(n) ? 'surname' : parsed.given.includes(n) ? 'given' : 'middle',
            })
      }
    }
    for (const [re, aliases] of KIN_ALIASES) {
      if (!re.test(m.role)) continue
      // only when one cast member has this kind of role, otherwise "Nan" would be ambiguous
      if (members.filter((x) => re.test(x.role)).length !== 1) continue
      for (const a of aliases)
        add(a, { castId: m.id, kind: 'role-alias', part: 'given', standalone: true, source: m.role })
    }
  }

  // first letters of each member's given and other names, for a lone initial before a surname
  const initialsOf = new Map<string, Set<string>>()
  for (const [form, list] of exact)
    for (const f of list)
      if (f.part === 'given' && f.kind !== 'role-alias') {
        const set = initialsOf.get(f.castId) ?? new Set<string>()
        set.add(form[0].toUpperCase())
        initialsOf.set(f.castId, set)
      }

  const soundIndex = new Map<string, typeof longNames>()
  // spelling variants ("Kayley" for Kayleigh): the same spelling key, for names of 4+ letters
  const spellingIndex = new Map<string, typeof longNames>()
  for (const [form, list] of exact)
    for (const f of list)
      if (form.length >= 4 && (f.kind === 'name' || f.kind === 'other-name') && f.part !== 'middle') {
        const k = spellingKey(form)
        spellingIndex.set(k, [...(spellingIndex.get(k) ?? []), { name: form, castId: f.castId, part: f.part }])
      }
  const deleteIndex = new Map<string, typeof longNames>()
  for (const n of longNames) {
    const k = soundKey(n.name)
    soundIndex.set(k, [...(soundIndex.get(k) ?? []), n])
    for (const d of [n.name, ...deletes(n.name)]) deleteIndex.set(d, [...(deleteIndex.get(d) ?? []), n])
  }
  const misspellingCache = new Map<string, NameForm[]>()
  const misspellingsOn = options.misspellings !== false

  function misspellingForms(lower: string): NameForm[] {
    const cached = misspellingCache.get(lower)
    if (cached) return cached
    const found: NameForm[] = []
    if (
      lower.length >= 4 &&
      !CAPITALISED_REPORT_WORDS.has(lower) &&
      !NAME_LIKE_WORDS.has(lower) &&
      !TITLES.has(lower)
    ) {
      const candidates = new Set<(typeof longNames)[number]>()
      for (const c of soundIndex.get(soundKey(lower)) ?? []) candidates.add(c)
      for (const d of [lower, ...deletes(lower)]) for (const c of deleteIndex.get(d) ?? []) candidates.add(c)
      const spelling = spellingKey(lower)
      for (const c of spellingIndex.get(spelling) ?? []) candidates.add(c)
      for (const c of candidates) {
        if (c.name === lower) continue
        const close =
          editDistance(c.name, lower, 1) <= 1 ||
          soundKey(c.name) === soundKey(lower) ||
          spellingKey(c.name) === spelling
        if (!close) continue
        found.push({
          castId: c.castId,
          kind: 'misspelling',
          part: c.part,
          standalone: c.part !== 'middle',
          source: c.name,
        })
      }
    }
    misspellingCache.set(lower, found)
    return found
  }

  return {
    name: 'cast-name',
    analyze(text: string): Detection[] {
      const out: Detection[] = []
      const lastSeen = new Map<string, number>()
      const tokenRe = /[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]/g
      interface Tok {
        start: number
        end: number
        word: string
        forms: NameForm[]
      }
      let group: Tok[] = []
      let groupIds: Set<string> | null = null

      const flush = (): void => {
        if (group.length === 0) return
        emitGroup(group, groupIds ?? new Set())
        group = []
        groupIds = null
      }

      const emitGroup = (toks: Tok[], ids: Set<string>): void => {
        const first = toks[0]
        let start = first.start
        const end = toks[toks.length - 1].end
        // a title or rank (with optional collar number) directly before belongs to the mention
        const before = text.slice(Math.max(0, start - 40), start)
        const tm = TITLE_BEFORE.exec(before)
        let titled = false
        let rank = false
        let titleWord = ''
        if (tm && /^[A-Z]/.test(tm[1])) {
          titled = true
          titleWord = tm[1].trim().split(/\s+/)[0].replace(/\.$/, '').toLowerCase()
          rank = RANK_IN.test(tm[1])
          start -= tm[1].length
        }
        // an initial written before the name ("J. Smith") belongs to it when it fits
        if (!titled) {
          const init = /(?:^|[^A-Za-z.])([A-Z])\.?\s+$/.exec(text.slice(Math.max(0, start - 4), start))
          if (init && [...ids].some((id) => initialsOf.get(id)?.has(init[1])))
            start -= init[0].length - init[0].indexOf(init[1])
        }
        let finalEnd = end
        if (rank) {
          // "PC Hart 3587": a collar number written after the name
          const after = /^\s*\(?#?(\d{3,6})\)?(?![\d/:.]\d)/.exec(text.slice(end, end + 12))
          if (after) finalEnd = end + after[0].length
        }

        const kinds = toks.flatMap((t) => t.forms.filter((f) => ids.has(f.castId)).map((f) => f.kind))
        const single = toks.length === 1
        if (single) {
          const t = toks[0]
          const forms = t.forms.filter((f) => ids.has(f.castId))
          if (!forms.some((f) => f.standalone)) return
          const lower = t.word.toLowerCase()
          const caseOf = wordCase(t.word)
          const nameLike = NAME_LIKE_WORDS.has(lower) || CAPITALISED_REPORT_WORDS.has(lower)
          const best = bestKind(forms)
          if (caseOf === 'lower' && (nameLike || best === 'misspelling' || best === 'role-alias' || lower.length < 4))
            return
          if (caseOf === 'mixed') return
          // "Early Help Hub", "Young People's Service": a name inside a generic service name is not the person
          if (!titled && serviceNameAround(text, t.start, t.end)) return
          const atStart = isSentenceStart(text, t.start)
          if (nameLike && !titled) {
            if (atStart && !PERSON_CONTEXT.test(text.slice(t.end, t.end + 16))) return
            // month-like names beside a number are dates ("June 2023", "14 May")
            if (
              /^(january|february|march|april|may|june|july|august|september|october|november|december)$/.test(lower)
            ) {
              if (
                /^\s+\d/.test(text.slice(t.end, t.end + 3)) ||
                /\d\s+$/.test(text.slice(Math.max(0, t.start - 3), t.start))
              )
                return
            }
          }
          if (best === 'misspelling' && !titled) {
            if (atStart || t.word.length < 5) return
            // another real given name ("Carla" for "Carly") needs the rest of the name beside it
            if (isKnownGivenName(lower) && !forms.some((f) => nameVariants(f.source).has(lower))) return
          }
        }
        const castId = attribute(narrowByTitle(ids, titleWord), toks)
        const member = byId.get(castId)
        if (!member) return
        lastSeen.set(castId, end)
        const kind = bestKind(toks.flatMap((t) => t.forms.filter((f) => f.castId === castId)))
        const parts = [...new Set(toks.flatMap((t) => t.forms.filter((f) => f.castId === castId).map((f) => f.part)))]
        const score = scoreFor(kind, toks.length, titled)
        const rankOf = (id: string): number =>
          Math.min(...toks.flatMap((t) => t.forms.filter((f) => f.castId === id).map((f) => KIND_RANK[f.kind])))
        const others = [...ids].filter((i) => i !== castId && rankOf(i) === rankOf(castId))
        const shared = others.length ? `; also fits ${others.map((i) => describe(byId.get(i)!)).join(', ')}` : ''
        out.push({
          entityType: 'PERSON',
          start,
          end: finalEnd,
          score,
          recognizer: 'cast-name',
          explanation: `${explainKind(kinds.includes('misspelling') ? 'misspelling' : kind, parts, toks.length)} of ${describe(member)} (cast)${titled ? ', with title' : ''}${shared}`,
          castId,
        })
      }

      // "Mr Jones" is an adult man, "Ms Jones" an adult woman: prefer cast members whose role fits
      const narrowByTitle = (ids: Set<string>, title: string): Set<string> => {
        if (ids.size < 2 || !/^(mr|mrs|ms|miss)$/.test(title)) return ids
        const adults = [...ids].filter((id) => !CHILD_ROLE.test(byId.get(id)?.role ?? ''))
        const gendered = adults.filter((id) =>
          (title === 'mr' ? MALE_ROLE : FEMALE_ROLE).test(byId.get(id)?.role ?? ''),
        )
        const pick = gendered.length ? gendered : adults
        return pick.length ? new Set(pick) : ids
      }

      const attribute = (ids: Set<string>, toks: Tok[]): string => {
        // strongest evidence first: recorded names over nicknames over misspellings
        const rank = (id: string): number =>
          Math.min(...toks.flatMap((t) => t.forms.filter((f) => f.castId === id).map((f) => KIND_RANK[f.kind])))
        let best: string[] = []
        let bestRank = Infinity
        for (const id of ids) {
          const r = rank(id)
          if (r < bestRank) {
            bestRank = r
            best = [id]
          } else if (r === bestRank) best.push(id)
        }
        if (best.length === 1) return best[0]
        best.sort(
          (a, b) => (lastSeen.get(b) ?? -1) - (lastSeen.get(a) ?? -1) || (order.get(a) ?? 0) - (order.get(b) ?? 0),
        )
        return best[0]
      }

      // names inside e-mail addresses and handles are reported once, as the whole address (below)
      const codeSpans: Array<[number, number]> = []
      for (const c of text.matchAll(CODE_RE)) codeSpans.push([c.index, c.index + c[0].length])
      let codeIdx = 0
      let m: RegExpExecArray | null
      let prevEnd = -1
      while ((m = tokenRe.exec(text)) !== null) {
        while (codeIdx < codeSpans.length && codeSpans[codeIdx][1] <= m.index) codeIdx++
        if (codeIdx < codeSpans.length && codeSpans[codeIdx][0] <= m.index) {
          flush()
          prevEnd = -1
          continue
        }
        // the possessive stays outside the span: "Thomas's" → "Child T's"
        const word = m[0].replace(/['’]s$/, '')
        if (!word) continue
        const start = m.index
        const end = start + word.length
        const lower = word.toLowerCase().replace(/’/g, "'")
        const caseOf = wordCase(word)
        let forms = exact.get(lower) ?? []
        if (forms.length === 0 && lower.includes('-')) {
          // a part of a double-barrelled name counts only when written as a name: "Smith-Jones",
          // never "cross-border" or "young-looking" for a Mr Cross or a Mr Young
          const written = word.split('-')
          lower.split('-').forEach((p, i) => {
            if (/^[A-Z]/.test(written[i] ?? ''))
              forms = forms.concat((exact.get(p) ?? []).filter((f) => f.part !== 'middle'))
          })
        }
        if (forms.length === 0 && misspellingsOn && (caseOf === 'title' || caseOf === 'upper'))
          forms = misspellingForms(lower)
        // ordinary words that are also names count only when capitalised ("a red mark" is not PC John Smith)
        if (
          caseOf === 'mixed' ||
          (caseOf === 'lower' && (NAME_LIKE_WORDS.has(lower) || CAPITALISED_REPORT_WORDS.has(lower)))
        )
          forms = []
        if (forms.length === 0) {
          flush()
          prevEnd = end
          continue
        }
        const ids = new Set(forms.map((f) => f.castId))
        const gap = prevEnd >= 0 ? text.slice(prevEnd, start) : null
        const adjacent = group.length > 0 && gap !== null && /^[ \t]+$/.test(gap) && gap.length <= 2
        if (adjacent && groupIds) {
          const inter: Set<string> = new Set([...groupIds].filter((id) => ids.has(id)))
          // "Ann Jones" stays one mention; "Jones Ann" (two people side by side) does not
          const lastPart = group[group.length - 1].forms.find((f) => inter.has(f.castId))?.part
          const thisPart = forms.find((f) => inter.has(f.castId))?.part
          if (inter.size > 0 && !(lastPart === 'surname' && thisPart === 'given')) {
            group.push({ start, end, word, forms })
            groupIds = inter
            prevEnd = end
            continue
          }
        }
        flush()
        group = [{ start, end, word, forms }]
        groupIds = ids
        prevEnd = end
      }
      flush()

      // initials: "TW", "T.W.", "T. W."
      if (initials.size > 0) {
        const initRe =
          /(?<![A-Za-z0-9/.&-])((?:[A-Z]\.\s?){2,4}|[A-Z]{1,3}-[A-Z]\b\.?|[A-Z]{2,4})(?![A-Za-z0-9/&]|-[A-Za-z0-9])/g
        let im: RegExpExecArray | null
        while ((im = initRe.exec(text)) !== null) {
          const raw = im[1]
          const dotted = /[.-]/.test(raw)
          const key = raw.replace(/[.\s-]/g, '')
          const ids = initials.get(key)
          if (!ids) continue
          if (!dotted && ACRONYMS.has(key)) continue
          // inside a run of capitals ("DEAN HOLLIS WAS IN") letters are words, not initials
          const around = text.slice(Math.max(0, im.index - 12), im.index + raw.length + 12)
          if (!dotted && /[A-Z]{3,}\s+[A-Z]{2,3}\s+[A-Z]{3,}/.test(around)) continue
          const castId = [...ids].sort(
            (a, b) => (lastSeen.get(b) ?? -1) - (lastSeen.get(a) ?? -1) || (order.get(a) ?? 0) - (order.get(b) ?? 0),
          )[0]
          const member = byId.get(castId)!
          const end = im.index + raw.replace(/\s+$/, '').length
          out.push({
            entityType: 'PERSON',
            start: im.index,
            end,
            score: dotted ? 0.75 : 0.6,
            recognizer: 'cast-name',
            explanation: `initials of ${describe(member)} (cast)${ids.size > 1 ? '; shared by more than one person' : ''}`,
            castId,
          })
        }
      }

      // names inside e-mail addresses and social media handles
      const codeRe = new RegExp(CODE_RE.source, 'g')
      let cm: RegExpExecArray | null
      while ((cm = codeRe.exec(text)) !== null) {
        const raw = cm[0].replace(/\.+$/, '')
        const local = (raw.startsWith('@') ? raw.slice(1) : raw.split('@')[0]).toLowerCase()
        let hit: NameForm | undefined
        for (const [form, forms] of exact) {
          if (form.length < 4 || NAME_LIKE_WORDS.has(form)) continue
          if (!local.includes(form.replace(/[^a-z]/g, ''))) continue
          const f = forms.find((x) => x.kind === 'name' || x.kind === 'other-name')
          if (f) {
            hit = f
            if (f.part === 'surname') break
          }
        }
        if (!hit) continue
        const member = byId.get(hit.castId)!
        const isEmail = !raw.startsWith('@')
        out.push({
          entityType: isEmail ? 'EMAIL' : 'SOCIAL_HANDLE',
          start: cm.index,
          end: cm.index + raw.length,
          score: 0.98,
          recognizer: 'cast-name',
          explanation: `${isEmail ? 'e-mail address' : 'social media handle'} containing the ${hit.part === 'surname' ? 'surname' : 'name'} of ${describe(member)} (cast)`,
          castId: hit.castId,
        })
      }
      return out
    },
  }
}

const CODE_RE = /(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?<![\w.@])@[A-Za-z0-9_.]{2,30}/g

const CHILD_ROLE = /\b(child|sibling|baby|infant|son|daughter|brother|sister)\b/i
// the first word of the role carries the person's own gender ("mother's partner" is not a mother)
const FEMALE_ROLE =
  /^(?:maternal |paternal |birth |step)?(mother|grandmother|sister|aunt|wife|girlfriend|daughter|niece|nan)\b/i
const MALE_ROLE =
  /^(?:maternal |paternal |birth |step)?(father|grandfather|brother|uncle|husband|boyfriend|son|nephew)\b/i

const TITLE_BEFORE = new RegExp(
  `(?:^|[^A-Za-z])((?:(?:${[...TITLES].sort((a, b) => b.length - a.length).join('|')})\\.?\\s+(?:#?\\d{2,6}\\s+)?)+)$`,
  'i',
)
const RANK_IN = new RegExp(`\\b(?:${[...POLICE_RANKS].join('|')})\\b`, 'i')

const KIND_RANK: Record<NameFormKind, number> = {
  name: 0,
  'other-name': 1,
  'role-alias': 2,
  nickname: 3,
  misspelling: 4,
}

function bestKind(forms: readonly NameForm[]): NameFormKind {
  let best: NameFormKind = 'misspelling'
  for (const f of forms) if (KIND_RANK[f.kind] < KIND_RANK[best]) best = f.kind
  return best
}

function scoreFor(kind: NameFormKind, tokens: number, titled: boolean): number {
  const base = { name: 0.9, 'other-name': 0.88, 'role-alias': 0.7, nickname: 0.75, misspelling: 0.6 }[kind]
  return Math.min(0.98, base + (tokens > 1 ? 0.06 : 0) + (titled ? 0.04 : 0))
}

function explainKind(kind: NameFormKind, parts: string[], tokens: number): string {
  if (kind === 'misspelling') return 'likely misspelling of a name'
  if (kind === 'nickname') return 'nickname or diminutive of the first name'
  if (kind === 'role-alias') return 'family name for the role'
  const what =
    tokens > 1
      ? 'full name'
      : parts.includes('surname')
        ? 'surname'
        : parts.includes('given')
          ? 'first name'
          : 'middle name'
  return kind === 'other-name' ? `other name (${what})` : what
}

function deletes(w: string): string[] {
  const out: string[] = []
  for (let i = 0; i < w.length; i++) out.push(w.slice(0, i) + w.slice(i + 1))
  return out
}
