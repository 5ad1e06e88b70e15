/**
 * Names of public services and council teams that every review names and that identify nobody
 * ("Children's Services Access Team", "Early Help Hub", "Multi-Agency Safeguarding Hub", "Youth
 * Offending Team", "Child and Adolescent Mental Health Services"): capitalised words of service
 * vocabulary ending in a word for a team or body. A person's name that is also one of these words
 * ("Early", "Young", "Hope", "Cross", "Bell") is not that person inside such a name, and the leak gate
 * does not take such a name for a person. A name with a place or a person in it ("Northtown Family
 * Hub", "Harris Academy") is not a generic service name. Pure; never throws.
 */

// The last word of a service name: the kind of body it is.
const HEADS = new Set(
  `team teams hub hubs service services unit units panel board partnership partnerships department directorate
  division centre center trust council agency office authority project programme network forum group committee
  conference clinic front door point line desk helpline pathway scheme initiative provision base officer officers
  worker workers lead coordinator manager`.split(/\s+/),
)

// Words of service vocabulary a team's name is made of (lower case, apostrophes straight).
const SERVICE_WORDS = new Set(
  `children's childrens children child young people's peoples people youth adult adults adolescent family families
  parent parents parenting early help first response access contact referral referrals intake assessment screening
  front door multi-agency multi agency safeguarding protection public community social care health mental
  emotional wellbeing well-being wellness disability disabilities disabled special educational needs education
  inclusion attendance exclusions virtual school schools health visiting visitor nurse nursing midwifery
  maternity substance misuse drug drugs alcohol recovery domestic abuse violence sexual exploitation exploited
  missing trafficking modern slavery prevention prevent offending justice crime criminal youth emergency duty
  out-of-hours hours leaving care cared looked after corporate fostering adoption permanence placement placements
  reviewing independent conference chair quality assurance local authority designated officer officers
  targeted support supported intensive integrated edge of and for the with in to at on liaison court family
  investigation investigations abuse child's neglect risk management mash lado camhs send sen cse cce iro
  housing homelessness homeless benefits welfare rights advice advocacy victim victims witness witnesses
  specialist strategic operational partnership partnerships joint combined central county city district area
  north south east west northern southern eastern western central locality localities neighbourhood
  prosecution crown probation prison police policing paediatric paediatrics hospital primary secondary
  named designated gp practice practices commissioning integrated ics icb nhs`.split(/\s+/),
)

/**
 * The span `[start, end)` of the generic service name (as defined above) that contains the
 * characters `[from, to)` of `text`, or `null` when they are not inside one. Offsets UTF-16.
 */
export function serviceNameAround(text: string, from: number, to: number): [number, number] | null {
  // the line the span is on, as capitalised words and connectors
  const lineStart = text.lastIndexOf('\n', from - 1) + 1
  const lineEndAt = text.indexOf('\n', to)
  const lineEnd = lineEndAt < 0 ? text.length : lineEndAt
  const line = text.slice(lineStart, lineEnd)
  const wordRe = /[A-Za-z][A-Za-z'’-]*/g
  const words: Array<{ start: number; end: number; lower: string; capital: boolean }> = []
  let m: RegExpExecArray | null
  while ((m = wordRe.exec(line)) !== null)
    words.push({
      start: lineStart + m.index,
      end: lineStart + m.index + m[0].length,
      lower: m[0].toLowerCase().replace(/’/g, "'"),
      capital: /^[A-Z]/.test(m[0]),
    })
  const first = words.findIndex((w) => w.end > from)
  if (first < 0) return null
  let last = first
  while (last + 1 < words.length && words[last + 1].start < to) last++
  // grow over capitalised words and small connectors joined by spaces only
  const joined = (a: number, b: number): boolean => /^[ \t]+$|^ & $/.test(text.slice(words[a].end, words[b].start))
  const connector = (w: (typeof words)[number]): boolean => /^(?:and|of|for|the|with|in|&)$/.test(w.lower)
  let s = first
  while (s > 0 && joined(s - 1, s) && (words[s - 1].capital || connector(words[s - 1]))) s--
  let e = last
  while (e + 1 < words.length && joined(e, e + 1) && (words[e + 1].capital || connector(words[e + 1]))) e++
  while (s <= e && connector(words[s])) s++
  while (e >= s && !HEADS.has(words[e].lower)) e--
  if (e <= s || e < last) return null
  for (let i = s; i <= e; i++) {
    const w = words[i]
    if (!connector(w) && !w.capital) return null
    if (!SERVICE_WORDS.has(w.lower) && !HEADS.has(w.lower)) return null
  }
  return [words[s].start, words[e].end]
}
