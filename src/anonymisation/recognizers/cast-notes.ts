/**
 * Coordinators write case knowledge with notes beside the value: `@kayjay_99 (Snapchat)`,
 * `07700 900123 (mum's mobile)`, `"Bubs" nickname used by friends`, `Funmi - to colleagues`. These
 * helpers return the bare value the text will contain. Pure; never throws.
 */

// lower-case name particles that belong to a surname when a capitalised word follows ("van der Meer")
const PARTICLES = new Set([
  'van',
  'von',
  'der',
  'den',
  'de',
  'du',
  'da',
  'di',
  'la',
  'le',
  'bin',
  'bint',
  'ibn',
  'al',
  'el',
  'ap',
  'ter',
  'dos',
  'das',
])

/** Removes bracketed notes and anything after a dash, semicolon or colon note separator. */
function withoutNotes(raw: string): string {
  return raw
    .replace(/\s*[([{][^)\]}]*[)\]}]/g, ' ')
    .replace(/\s+[-–—:;]\s.*$/, '')
    .replace(/\s+/g, ' ')
    .trim()
}

/**
 * The name in a recorded name or alias: the quoted part when there is one (`"Bubs" nickname used by
 * friends` → `Bubs`), else the value without bracketed or dashed notes, cut before the first
 * lower-case word that is not a name particle (`Bubs nickname used by friends` → `Bubs`,
 * `Anke van der Meer` stays whole). Returns '' when nothing name-like is left.
 */
export function bareName(raw: string): string {
  const quoted = /["“”‘’']([^"“”‘’']{1,60})["“”‘’']/.exec(raw)
  if (quoted && /^["“‘']/.test(raw.trim())) return quoted[1].trim()
  const words = withoutNotes(raw).split(' ').filter(Boolean)
  const kept: string[] = []
  for (let i = 0; i < words.length; i++) {
    const w = words[i]
    if (/^[\p{Lu}\d]/u.test(w) || /^(?:o['’]|mc|mac)\p{Lu}/u.test(w)) {
      kept.push(w)
      continue
    }
    const rest = words.slice(i + 1)
    if (PARTICLES.has(w.toLowerCase()) && kept.length && rest.some((r) => /^\p{Lu}/u.test(r))) {
      kept.push(w)
      continue
    }
    // a lone lower-case name ("bubs") is kept when it is the whole value
    if (kept.length === 0 && words.length === 1) kept.push(w)
    break
  }
  return kept.join(' ').replace(/[,.;:]+$/, '')
}

/**
 * The code in a recorded handle, phone, vehicle or reference: the value without bracketed or dashed
 * notes (`@tmac_skel (Snapchat)` → `@tmac_skel`, `YK19 XNB (grey Ford Focus)` → `YK19 XNB`,
 * `07700 900123 mum's mobile` → `07700 900123`). For handles (`handle: true`) only the first word
 * is kept, since a handle has no spaces.
 */
export function bareCode(raw: string, options: { handle?: boolean } = {}): string {
  const value = withoutNotes(raw)
  if (options.handle) return /^@?[\p{L}\p{N}_.]+/u.exec(value)?.[0].replace(/\.+$/, '') ?? ''
  // a code is digits, capitals and the separators between them; stop at the first word of a note
  const m = /^\+?[\p{Lu}\d][\p{Lu}\d\s/.()-]*?(?=\s+\p{Ll}|\s*$)/u.exec(value)
  return (m?.[0] ?? value).trim()
}
