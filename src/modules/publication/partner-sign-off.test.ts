import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { testDatabases } from '../../../test/support/databases.ts'
import { AccessDeniedError } from '../access/access.ts'
import type { Actor } from '../access/actor.ts'
import { ValidationError } from '../errors.ts'
import { publicationFixture, type PublicationFixture } from '../../../test/fixtures/publication.fixture.ts'

async function signOff(f: PublicationFixture, actor: Actor, signerRole = 'Director', note = ''): Promise<void> {
  const version = (await f.service.view(f.coordinator, f.reviewId)).record.version
  await f.service.recordStep(actor, f.reviewId, version, 'signed_off', { note, signerRole })
}

async function refusal(action: () => Promise<unknown>): Promise<string[]> {
  try {
    await action()
  } catch (error) {
    if (error instanceof ValidationError) return error.errors.map((e) => e.message)
    throw error
  }
  assert.fail('expected the sign-off to be refused')
}

async function refusalsAudited(f: PublicationFixture): Promise<Array<{ actor: string | null; detail: string }>> {
  const rows = await f.services.database.db
    .selectFrom('audit_event')
    .select(['actor_email', 'detail'])
    .where('action', '=', 'publication.partner_sign_off')
    .where('outcome', '=', 'refused')
    .orderBy('seq')
    .execute()
  return rows.map((r) => ({ actor: r.actor_email, detail: r.detail }))
}

for (const database of testDatabases()) {
  describe(`statutory partners' sign-off on ${database.name}`, () => {
    test('each partner signs for itself; the step completes only when all three have signed', async () => {
      const f = await publicationFixture(await database.open())
      try {
        f.reports.drafted()
        await f.service.recordStep(f.coordinator, f.reviewId, 0, 'panel_agreed', { note: '' })

        await signOff(f, f.chair, 'Director of Children’s Services', 'Agreed at the partners’ meeting')
        let view = await f.service.view(f.coordinator, f.reviewId)
        assert.equal(view.progress.next, 'signed_off', 'one of three partners does not complete the step')
        assert.deepEqual(
          view.partners.states.map((p) => [p.partner, p.signOff?.signedByName ?? 'waiting']),
          [
            ['local_authority', 'Graham Demo (partnership chair)'],
            ['police', 'waiting'],
            ['health', 'waiting'],
          ],
        )
        const la = view.partners.states[0].signOff!
        assert.equal(la.signedByRole, 'Director of Children’s Services')
        assert.equal(la.signedOn, '2026-11-26')
        assert.equal(la.note, 'Agreed at the partners’ meeting')
        // The next step cannot be recorded before all three have signed.
        assert.match(
          (
            await refusal(() =>
              f.service.recordStep(f.coordinator, f.reviewId, view.record.version, 'family_informed', {
                note: '',
                happenedOn: '2026-11-20',
                how: 'Letter',
              }),
            )
          )[0],
          /Record “The safeguarding partners sign off the report” first/,
        )

        await signOff(f, f.policePartner, 'Detective Superintendent')
        assert.equal((await f.service.view(f.coordinator, f.reviewId)).progress.next, 'signed_off')
        await signOff(f, f.healthPartner, 'Chief Nurse')
        view = await f.service.view(f.coordinator, f.reviewId)
        assert.equal(view.progress.next, 'family_informed')
        assert.equal(view.history.filter((h) => h.step === 'signed_off').length, 1)
        assert.match(view.progress.done.signed_off!.note, /Police: Dana Demo \(police safeguarding partner\)/)
        assert.ok(view.partners.states.every((p) => p.signOff !== null))
      } finally {
        await f.close()
      }
    })

    test('a partner cannot sign twice, a person without a partner cannot sign, and each refusal is audited', async () => {
      const f = await publicationFixture(await database.open())
      try {
        f.reports.drafted()
        await f.service.recordStep(f.coordinator, f.reviewId, 0, 'panel_agreed', { note: '' })
        await signOff(f, f.policePartner, 'Detective Superintendent')
        assert.deepEqual(await refusal(() => signOff(f, f.policePartner, 'Detective Superintendent')), [
          'Police has already signed off: Dana Demo (police safeguarding partner) (Detective Superintendent)',
        ])

        // A chair-role user the administrator has not tied to a partner.
        const users = f.services.repositories.users
        const stranger = await users.create(
          { email: 'unlinked.chair@marlshire.example', displayName: 'Unlinked Chair', passwordHash: 'x' },
          new Date(),
        )
        await users.addMembership(
          { userId: stranger.id, partnershipId: f.chair.partnershipId, role: 'chair', agencyId: null },
          new Date(),
        )
        const unlinked: Actor = {
          ...f.chair,
          userId: stranger.id,
          email: stranger.email,
          displayName: 'Unlinked Chair',
        }
        assert.deepEqual(await refusal(() => signOff(f, unlinked, 'Chair')), [
          'You do not act for a statutory partner in this partnership. Ask an administrator to record which partner you sign for',
        ])
        // The role is required; nothing is recorded for a refused form.
        assert.deepEqual(await refusal(() => signOff(f, f.healthPartner, '  ')), [
          'Enter your role, for example Director of Children’s Services',
        ])
        // Roles without the sign-off permission are refused by the access policy.
        await assert.rejects(signOff(f, f.coordinator, 'Coordinator'), AccessDeniedError)

        const view = await f.service.view(f.coordinator, f.reviewId)
        assert.deepEqual(
          view.partners.states.map((p) => p.signOff?.partner ?? null),
          [null, 'police', null],
        )
        const audited = await refusalsAudited(f)
        assert.deepEqual(
          audited.map((a) => [a.actor, JSON.parse(a.detail).reason]),
          [
            ['police.partner@marlshire.example', 'already_signed'],
            ['unlinked.chair@marlshire.example', 'not_a_partner_signatory'],
          ],
        )
      } finally {
        await f.close()
      }
    })

    test('two signers for the same partner at once: exactly one sign-off is kept', async () => {
      const f = await publicationFixture(await database.open())
      try {
        f.reports.drafted()
        await f.service.recordStep(f.coordinator, f.reviewId, 0, 'panel_agreed', { note: '' })
        const results = await Promise.allSettled([signOff(f, f.chair, 'First'), signOff(f, f.chair, 'Second')])
        assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1)
        const view = await f.service.view(f.coordinator, f.reviewId)
        assert.equal(view.partners.states.filter((p) => p.signOff).length, 1)
      } finally {
        await f.close()
      }
    })
  })
}
