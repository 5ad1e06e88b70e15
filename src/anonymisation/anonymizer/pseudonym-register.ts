import type { CastMember, Place } from '../case-types.ts'

/** One label in the register. `key` identifies what it stands for; it is as sensitive as the cast itself. */
export interface RegisterEntry {
  /** `cast:<id>`, `place:<name>` or `name:<normalised text>` for people the cast does not list. */
  key: string
  label: string
  /** Where the label came from: the cast's `expected_pseudonym`, the places list, or generated here. */
  source: 'cast' | 'places' | 'generated'
}

/** Serialised form of a register, safe to `JSON.stringify` and store per review. */
export interface PseudonymRegisterData {
  version: 1
  entries: RegisterEntry[]
}

// Letters for generated "Child X" labels. Z and Q are left out because they can hint at ethnicity or
// religion; I and O because they read as numbers; X because it reads as a redaction.
const CHILD_LETTERS = 'ABCDEFGHJKLMNPRSTUVWY'

const FAMILY_LABELS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^(subject child|child|baby|infant|young person|subject)$/, 'Child'],
  [/^(sibling|half[- ]sibling|brother|sister|half[- ]brother|half[- ]sister|step[- ]?sibling)$/, 'Sibling'],
]

/** Generic phrase for a place of each kind when the places list gives no replacement. */
export const GENERIC_PLACE_PHRASES: Readonly<Record<string, string>> = {
  town: 'the town',
  village: 'a village',
  city: 'a city',
  area: 'the area',
  street: 'a street',
  road: 'a street',
  county: 'the county',
  gp_practice: 'the GP practice',
  hospital: 'a hospital',
  nursery: 'the nursery',
  school: 'the school',
  primary_school: 'the primary school',
  secondary_school: 'the secondary school',
  college: 'the college',
  childrens_centre: "the children's centre",
  community_centre: 'a community centre',
  police_station: 'a police station',
  court: 'the court',
  pub: 'a public house',
  youth_club: 'the youth club',
  shop: 'a shop',
  place_of_worship: 'a place of worship',
  housing: 'the accommodation',
  organisation: 'a local organisation',
}

/** Capitalises the first letter. */
function upperFirst(s: string): string {
  return s ? s[0].toUpperCase() + s.slice(1) : s
}

/** "health visitor" → "Health Visitor"; "social worker (MASH)" → "Social Worker"; keeps acronyms (GP, ED). */
function titleCaseRole(role: string): string {
  return role
    .replace(/\(.*?\)/g, '')
    .trim()
    .split(/\s+/)
    .map((w) => (w === w.toUpperCase() ? w : upperFirst(w)))
    .join(' ')
}

/**
 * The per-review pseudonym register: the same person, place or unlisted name gets the same label
 * in every document of the review. Labels for cast members come from `expected_pseudonym` when
 * given; otherwise they are generated from the role ("Mother", "Sibling 2", "Health Visitor 1",
 * "Child B" — never Z or Q, never the child's own initial) in cast order, so generation does not
 * depend on which document is anonymised first. Serialise with `toJSON()`, restore with
 * `PseudonymRegister.fromJSON()`. Methods never throw.
 */
export class PseudonymRegister {
  readonly #entries = new Map<string, RegisterEntry>()

  constructor(data?: PseudonymRegisterData) {
    for (const e of data?.entries ?? []) this.#entries.set(e.key, { ...e })
  }

  /** Restores a register from `toJSON()` output; anything malformed gives an empty register. */
  static fromJSON(json: unknown): PseudonymRegister {
    const d = json as Partial<PseudonymRegisterData> | null
    if (!d || d.version !== 1 || !Array.isArray(d.entries)) return new PseudonymRegister()
    const entries = d.entries.filter(
      (e): e is RegisterEntry =>
        !!e && typeof e.key === 'string' && typeof e.label === 'string' && typeof e.source === 'string',
    )
    return new PseudonymRegister({ version: 1, entries })
  }

  /** Plain data for storage. */
  toJSON(): PseudonymRegisterData {
    return { version: 1, entries: [...this.#entries.values()].map((e) => ({ ...e })) }
  }

  /** Every entry, in the order first assigned. */
  entries(): RegisterEntry[] {
    return [...this.#entries.values()].map((e) => ({ ...e }))
  }

  /** Assigns labels to every cast member in cast order (idempotent). Call once per review before anonymising. */
  assignCast(cast: readonly CastMember[]): void {
    for (const m of cast) if (!m.retain) this.personLabel(m)
  }

  /** The label of a cast member, assigning one on first use. */
  personLabel(member: CastMember): string {
    const key = `cast:${member.id}`
    const found = this.#entries.get(key)
    if (found) return found.label
    const given = member.expected_pseudonym?.trim()
    const label = given && !this.#labelTaken(given) ? given : this.#generate(member)
    this.#entries.set(key, { key, label, source: given && label === given ? 'cast' : 'generated' })
    return label
  }

  /** The label of a person the cast does not list ("Person 1"), by the normalised written name. */
  unlistedPersonLabel(writtenName: string): string {
    const norm = writtenName
      .toLowerCase()
      .replace(/\b(mr|mrs|ms|miss|mx|dr|pc|pcso|dc|ds|di|dci|sgt|insp|cllr|prof)\b\.?/g, '')
      .replace(/\d+/g, '')
      .replace(/[^a-z]+/g, ' ')
      .trim()
    const key = `name:${norm}`
    const found = this.#entries.get(key)
    if (found) return found.label
    const label = this.#numbered('Person')
    this.#entries.set(key, { key, label, source: 'generated' })
    return label
  }

  /** The phrase that replaces a listed place: its `expected_replacement`, else a generic phrase for its kind. */
  placeLabel(place: Place): string {
    const key = `place:${place.name}`
    const found = this.#entries.get(key)
    if (found) return found.label
    const given = place.expected_replacement?.trim()
    const usable = given && !/^retain\b/i.test(given)
    const label = usable ? given : genericPlacePhrase(place.kind)
    this.#entries.set(key, { key, label, source: usable ? 'places' : 'generated' })
    return label
  }

  #labelTaken(label: string): boolean {
    for (const e of this.#entries.values()) if (e.label === label) return true
    return false
  }

  #numbered(prefix: string): string {
    for (let n = 1; ; n++) if (!this.#labelTaken(`${prefix} ${n}`)) return `${prefix} ${n}`
  }

  #generate(member: CastMember): string {
    const role = (member.role || 'person').toLowerCase().trim()
    for (const [re, base] of FAMILY_LABELS) {
      if (!re.test(role)) continue
      if (base === 'Child') return this.#childLetter(member)
      return this.#numbered(base)
    }
    const family =
      /\b(mother|father|parent|grand(mother|father|parent)|aunt|uncle|cousin|partner|step|carer|nan|grandad|stepfather|stepmother)\b/.test(
        role,
      ) && !/\b(worker|officer|nurse|doctor|visitor|manager|author|practitioner|midwife)\b/.test(role)
    if (family) {
      const base = upperFirst(role)
      return this.#labelTaken(base) ? this.#numbered(base) : base
    }
    return this.#numbered(titleCaseRole(role) || 'Person')
  }

  #childLetter(member: CastMember): string {
    const initials = new Set(
      member.full_name
        .trim()
        .split(/\s+/)
        .map((w) => w[0]?.toUpperCase()),
    )
    let h = 2166136261
    for (const c of member.id) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0
    for (let i = 0; i < CHILD_LETTERS.length; i++) {
      const letter = CHILD_LETTERS[(h + i) % CHILD_LETTERS.length]
      // the label must be unrelated to the real name
      if (initials.has(letter)) continue
      if (!this.#labelTaken(`Child ${letter}`)) return `Child ${letter}`
    }
    return this.#numbered('Child')
  }
}

/** Generic phrase for a kind of place ("hospital" → "a hospital"); unknown kinds → "a local organisation". */
export function genericPlacePhrase(kind: string): string {
  return GENERIC_PLACE_PHRASES[kind.toLowerCase().replace(/[\s-]+/g, '_')] ?? GENERIC_PLACE_PHRASES.organisation
}
