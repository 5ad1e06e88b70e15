/**
 * How accurate the proposed links are on the demo case, measured against the events its README lists as
 * "the same real event reported by several agencies". Each listed event is written here as the entries
 * (file:row) that report it — `core` — and entries about it that the README does not name — `related`
 * (a follow-up email, a research check), which are neither right nor wrong to link.
 *
 * - precision: of the proposals that touch a listed event's entry or join two entries of
 *   {@link DIFFERENT_EVENTS}, the share that link two entries of one listed event (a proposal between a
 *   listed entry and anything outside its event is wrong);
 * - recall: of the pairs of a listed event's entries from different agencies, the share joined by right
 *   proposals (directly or through a chain, as the reviewer sees them grouped).
 *
 * Proposals between entries of no listed event cannot be judged here (the README lists only nine events;
 * many others — CIN meetings, letters between agencies — are real shared events): they are counted and
 * printed, and bounded so that a change cannot flood the reviewer.
 *
 *   TZ=Europe/London npx node --test src/modules/chronology/integrated-chronology.accuracy.test.ts
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { demoEntries } from './integrated-chronology.test-fixtures.ts'
import { proposeLinks, type IntegrationEntry, type LinkProposal } from './integrated-chronology.ts'

/** The README's nine events, as entries (file name without `.csv`, and row number in the file). */
export const LISTED_EVENTS: ReadonlyArray<{ label: string; core: string[]; related: string[] }> = [
  {
    label: 'Domestic incident 4 October 2022',
    core: ['police:7', 'police:8', 'nursery:2', 'childrens_social_care:4', 'health_visiting:2'],
    related: ['childrens_social_care:5'],
  },
  {
    label: 'Police call-out 12 February 2023',
    core: [
      'police:11',
      'police:12',
      'nursery:10',
      'nursery:11',
      'childrens_social_care:6',
      'midwifery_and_hospital:11',
      'substance_misuse_service:11',
    ],
    related: [
      'police:13',
      'police:39',
      'childrens_social_care:7',
      'health_visiting:6',
      'gp:7',
      'nursery:12',
      'midwifery_and_hospital:12',
    ],
  },
  {
    label: 'Birth and ward incident 14-16 June 2023',
    core: [
      'midwifery_and_hospital:27',
      'midwifery_and_hospital:28',
      'midwifery_and_hospital:29',
      'midwifery_and_hospital:30',
      'childrens_social_care:21',
      'health_visiting:11',
      'gp:12',
      'nursery:19',
    ],
    related: [
      'midwifery_and_hospital:26',
      'midwifery_and_hospital:31',
      'midwifery_and_hospital:32',
      'substance_misuse_service:21',
    ],
  },
  {
    label: 'Ryan kicks in the door 12 July 2023',
    core: ['police:16', 'police:17', 'police:18', 'childrens_social_care:24', 'health_visiting:15', 'nursery:21'],
    related: ['police:41', 'health_visiting:14'],
  },
  {
    label: "Harley's sertraline ingestion 2 August 2023",
    core: ['midwifery_and_hospital:36', 'midwifery_and_hospital:37', 'gp:18', 'health_visiting:19'],
    related: [],
  },
  {
    label: "Harley's disclosure and mark 19-22 September 2023",
    core: ['nursery:24', 'nursery:25', 'nursery:26', 'childrens_social_care:31', 'childrens_social_care:32'],
    related: ['police:47'],
  },
  {
    label: 'ED attendance with bruise 7 December 2023',
    core: [
      'midwifery_and_hospital:38',
      'midwifery_and_hospital:39',
      'midwifery_and_hospital:40',
      'gp:32',
      'health_visiting:28',
      'health_visiting:29',
    ],
    related: [],
  },
  {
    label: 'Strangulation report 16-20 December 2023',
    core: ['police:23', 'police:24', 'police:25', 'childrens_social_care:42'],
    related: ['nursery:44', 'police:42'],
  },
  {
    label: 'Admission 18 March 2024',
    core: [
      'childrens_social_care:51',
      'childrens_social_care:52',
      'gp:42',
      'health_visiting:36',
      'midwifery_and_hospital:41',
      'midwifery_and_hospital:42',
      'midwifery_and_hospital:43',
      'midwifery_and_hospital:44',
      'midwifery_and_hospital:45',
      'midwifery_and_hospital:46',
      'police:29',
      'police:30',
      'police:31',
      'nursery:36',
      'substance_misuse_service:40',
    ],
    related: ['childrens_social_care:53', 'police:32', 'police:33', 'police:35', 'police:46', 'nursery:37'],
  },
]

/**
 * Entries that look alike but are different events, each agency's own (ADR 0005 found these proposed): the
 * agencies' separate contributions to the rapid review, and separate requests for and sharing of records.
 * A proposal between two entries of one of these lists is wrong.
 */
export const DIFFERENT_EVENTS: ReadonlyArray<{ label: string; entries: string[] }> = [
  {
    label: 'Each agency submits its own rapid review contribution (22 March 2024)',
    entries: ['health_visiting:39', 'police:37', 'childrens_social_care:55', 'midwifery_and_hospital:49', 'nursery:38'],
  },
  {
    label: 'Separate requests for and sharing of records (19-21 March 2024)',
    entries: ['gp:43', 'gp:44', 'substance_misuse_service:41', 'health_visiting:37', 'health_visiting:38'],
  },
]

/** What the proposals get right and wrong against {@link LISTED_EVENTS}. */
export type Accuracy = {
  precision: number
  recall: number
  correct: LinkProposal[]
  wrong: LinkProposal[]
  neutral: number
  unjudged: number
  perEvent: string[]
}

/** Scores proposals against the listed events (see the file's comment for the definitions). */
export function accuracy(entries: readonly IntegrationEntry[], proposals: readonly LinkProposal[]): Accuracy {
  const agencyOf = new Map(entries.map((e) => [e.id, e.agency]))
  const core = LISTED_EVENTS.map((e) => new Set(e.core))
  const known = LISTED_EVENTS.map((e) => new Set([...e.core, ...e.related]))
  const inAnyCore = (id: string) => core.some((c) => c.has(id))
  const different = DIFFERENT_EVENTS.map((d) => new Set(d.entries))
  const correct: LinkProposal[] = []
  const wrong: LinkProposal[] = []
  let neutral = 0
  let unjudged = 0
  for (const p of proposals) {
    const [a, b] = p.entryIds
    if (core.some((c) => c.has(a) && c.has(b))) correct.push(p)
    else if (known.some((k) => k.has(a) && k.has(b))) neutral++
    else if (inAnyCore(a) || inAnyCore(b) || different.some((d) => d.has(a) && d.has(b))) wrong.push(p)
    else unjudged++
  }
  let pairs = 0
  let joined = 0
  const perEvent: string[] = []
  LISTED_EVENTS.forEach((event, i) => {
    // Groups of the event's entries joined by right proposals (union-find).
    const parent = new Map(event.core.map((id) => [id, id]))
    const root = (id: string): string => (parent.get(id) === id ? id : root(parent.get(id)!))
    for (const p of correct) {
      if (core[i].has(p.entryIds[0])) parent.set(root(p.entryIds[0]), root(p.entryIds[1]))
    }
    let eventPairs = 0
    let eventJoined = 0
    event.core.forEach((a, x) => {
      for (const b of event.core.slice(x + 1)) {
        if (agencyOf.get(a) === agencyOf.get(b)) continue
        eventPairs++
        if (root(a) === root(b)) eventJoined++
      }
    })
    pairs += eventPairs
    joined += eventJoined
    perEvent.push(`${event.label}: ${eventJoined}/${eventPairs} cross-agency pairs joined`)
  })
  return {
    precision: correct.length / Math.max(1, correct.length + wrong.length),
    recall: joined / Math.max(1, pairs),
    correct,
    wrong,
    neutral,
    unjudged,
    perEvent,
  }
}

test('linked events on the demo case: precision and recall against the README table', async (t) => {
  const entries = await demoEntries()
  assert.equal(entries.length, 321)
  for (const event of LISTED_EVENTS) {
    for (const id of [...event.core, ...event.related])
      assert.ok(
        entries.some((e) => e.id === id),
        id,
      )
  }
  const proposals = proposeLinks(entries)
  const result = accuracy(entries, proposals)
  const byId = new Map(entries.map((e) => [e.id, e]))
  t.diagnostic(
    `precision ${result.precision.toFixed(2)} (${result.correct.length} right, ${result.wrong.length} wrong), ` +
      `recall ${result.recall.toFixed(2)}; ${result.neutral} links to related entries, ` +
      `${result.unjudged} links outside the listed events; ${proposals.length} proposals in all`,
  )
  for (const line of result.perEvent) t.diagnostic(line)
  for (const p of result.wrong) {
    const [a, b] = p.entryIds.map((id) => byId.get(id)!)
    t.diagnostic(
      `wrong (${p.score}): ${a.id} ${a.date.start} "${a.event.slice(0, 50)}" ~ ${b.id} ${b.date.start} "${b.event.slice(0, 50)}"`,
    )
  }
  // Measured 0.75 and 0.39 (before this measure existed: 0.70 and 0.28, with 17 wrong; ADR 0014). The
  // bounds sit a little below, so a change that makes either clearly worse fails.
  assert.ok(result.precision >= 0.72, `precision ${result.precision.toFixed(2)}`)
  assert.ok(result.recall >= 0.36, `recall ${result.recall.toFixed(2)}`)
  // Links that cannot be judged here are bounded, so that no change floods the reviewer (measured 48).
  assert.ok(result.unjudged <= 60, `${result.unjudged} links outside the listed events`)
})
