import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import { testConfig } from '../../../test/support/app.ts'
import { testDatabases } from '../../../test/support/databases.ts'
import { composeServices } from '../../composition.ts'
import { sharedDataPath } from '../../shared-data.ts'
import type { Actor } from '../access/actor.ts'
import type { Role } from '../access/permissions.ts'
import { ValidationError } from '../errors.ts'
import { createSubmittedReview } from '../../../test/support/reviews.ts'

const demo = (file: string) => readFileSync(sharedDataPath('demo-case', file), 'utf8')

for (const database of testDatabases()) {
  describe(`people, places and anonymisation on ${database.name}`, () => {
    async function setUp() {
      const services = await composeServices(testConfig(), { database: await database.open() })
      const partnership = (await services.repositories.partnerships.findByName(
        'Marlshire Safeguarding Children Partnership',
      ))!
      const actor = async (email: string, role: Role): Promise<Actor> => {
        const u = (await services.repositories.users.findByEmail(email))!
        return {
          userId: u.id,
          email,
          displayName: u.displayName,
          role,
          partnershipId: partnership.id,
          agencyId: null,
          ip: null,
          userAgent: null,
        }
      }
      const coordinator = await actor('coordinator@marlshire.example', 'coordinator')
      const panel = await actor('panel@marlshire.example', 'panel_member')
      const reviewId = await createSubmittedReview({ services }, coordinator, {
        panelNotifiedDate: '2024-03-21',
        outline: 'Demo case',
        pseudonym: 'Child M',
        child: { name: 'Demo Child' },
      })
      await services.reviews.addMember(coordinator, reviewId, panel.userId, 'panel_member')
      return { services, coordinator, panel, reviewId }
    }

    test('the demo case’s people and places import; the summary and report anonymise with no leak and one register', async () => {
      const { services, coordinator, reviewId } = await setUp()
      try {
        const counts = await services.caseKnowledge.importFiles(
          coordinator,
          reviewId,
          demo('cast.json'),
          demo('places.json'),
        )
        assert.equal(counts.people, JSON.parse(demo('cast.json')).length)
        const summary = await services.caseKnowledge.anonymise(
          coordinator,
          reviewId,
          demo('executive-summary-draft.md'),
        )
        assert.deepEqual(summary.leaks, [])
        assert.match(summary.text, /Child M/)
        const report = await services.caseKnowledge.anonymise(coordinator, reviewId, demo('overview-report-draft.md'))
        assert.deepEqual(report.leaks, [])
        // No expected identifier of the demo case survives in either document.
        const expected = JSON.parse(demo('expected-identifiers.json')) as Array<{
          file: string
          text: string
          type: string
        }>
        for (const span of expected.filter((s) => s.type === 'PERSON' && s.text.split(/\s+/).length >= 2)) {
          const out = span.file.startsWith('executive') ? summary.text : report.text
          assert.equal(out.includes(span.text), false, `${span.text} left in ${span.file}`)
        }
        // The same person has the same label in both documents (one register per review).
        const labelIn = (text: string, label: string) => text.includes(label)
        assert.ok(labelIn(summary.text, 'Mother’s partner') || labelIn(summary.text, "Mother's partner"))
        assert.ok(labelIn(report.text, 'Mother’s partner') || labelIn(report.text, "Mother's partner"))
        const audit = await services.database.db
          .selectFrom('audit_event')
          .select('action')
          .where('action', '=', 'review.anonymise_document')
          .execute()
        assert.equal(audit.length, 2)
      } finally {
        await services.close()
      }
    })

    test('two anonymisations of one review at the same moment both succeed, with one register', async () => {
      const { services, coordinator, reviewId } = await setUp()
      try {
        const texts = await Promise.all(
          Array.from({ length: 4 }, () =>
            services.caseKnowledge.anonymise(coordinator, reviewId, demo('executive-summary-draft.md')),
          ),
        )
        assert.equal(new Set(texts.map((t) => t.text)).size, 1, 'the same pseudonyms every time')
        const registers = await services.database.db.selectFrom('pseudonym_register').select('review_id').execute()
        assert.equal(registers.length, 1)
      } finally {
        await services.close()
      }
    })

    test('real names only with the reveal permission, and each reveal is audited', async () => {
      const { services, coordinator, panel, reviewId } = await setUp()
      try {
        await services.caseKnowledge.importFiles(coordinator, reviewId, demo('cast.json'), demo('places.json'))
        const hidden = await services.caseKnowledge.overview(panel, reviewId, { reveal: false })
        assert.ok(hidden.people.length > 10)
        assert.equal(JSON.stringify(hidden).includes('Calloway'), false)
        assert.equal(hidden.places, null)
        await assert.rejects(() => services.caseKnowledge.overview(panel, reviewId, { reveal: true }), /permission/)
        await assert.rejects(() => services.caseKnowledge.anonymise(panel, reviewId, 'Maisie'), /permission/)
        const shown = await services.caseKnowledge.overview(coordinator, reviewId, { reveal: true })
        assert.ok(
          shown.people.some((p) => p.original?.full_name === 'Maisie Rose Calloway' && p.pseudonym === 'Child M'),
        )
        const reveals = await services.database.db
          .selectFrom('audit_event')
          .select(['actor_email', 'outcome'])
          .where('action', 'in', ['review.reveal_original', 'access.refused'])
          .execute()
        assert.ok(reveals.some((r) => r.actor_email === 'coordinator@marlshire.example' && r.outcome === 'success'))
        assert.ok(reveals.some((r) => r.actor_email === 'panel@marlshire.example' && r.outcome === 'refused'))
      } finally {
        await services.close()
      }
    })

    test('bad files are refused with the entry and reason, and nothing is added', async () => {
      const { services, coordinator, reviewId } = await setUp()
      try {
        const cases: Array<[string | null, string | null, RegExp]> = [
          ['{not json', null, /The people file is not valid JSON/],
          ['{"role": "mother"}', null, /must be a list/],
          [
            '[{"role": "mother", "full_name": "A B"}, {"role": "father"}]',
            null,
            /Entry 2 of the people file \(full_name\)/,
          ],
          ['[{"role": "mother", "full_name": "A B", "date_of_birth": "2023-02-30"}]', null, /real date/],
          [null, '[{"name": "Town"}]', /Entry 1 of the places file \(kind\)/],
          [null, null, /Select a people file or a places file/],
        ]
        for (const [cast, places, message] of cases) {
          await assert.rejects(
            () => services.caseKnowledge.importFiles(coordinator, reviewId, cast, places),
            (e: unknown) => e instanceof ValidationError && message.test(e.message),
          )
        }
        assert.equal((await services.caseKnowledge.overview(coordinator, reviewId, { reveal: true })).people.length, 0)
      } finally {
        await services.close()
      }
    })
  })
}
