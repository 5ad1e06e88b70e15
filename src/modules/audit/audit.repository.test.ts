import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { sql } from 'kysely'
import { testDatabases } from '../../../test/support/databases.ts'
import { migrateToLatest } from '../../db/migrate.ts'
import { AuditRepository } from './audit.repository.ts'
import { AuditService } from './audit.service.ts'

for (const database of testDatabases()) {
  describe(`audit log on ${database.name}`, () => {
    async function setUp() {
      const handle = await database.open()
      await migrateToLatest(handle.db as never, handle.schema)
      const service = new AuditService(new AuditRepository(handle.db))
      return { handle, service }
    }
    const entry = (action: string, partnershipId = 'p1') => ({
      actorUserId: 'u1',
      actorEmail: 'Someone@Example.org',
      partnershipId,
      action,
      outcome: 'success' as const,
      detail: { n: 1 },
      ip: '10.0.0.1',
      userAgent: 'test',
    })

    test('concurrent appends form one unbroken chain in sequence order', async () => {
      const { handle, service } = await setUp()
      try {
        await Promise.all(Array.from({ length: 25 }, (_, i) => service.record(entry(`test.event_${i}`))))
        const result = await service.verifyChain()
        assert.deepEqual(result.ok, true)
        assert.equal(result.events, 25)
        const seqs = (await handle.db.selectFrom('audit_event').select('seq').orderBy('seq').execute()).map((r) =>
          Number(r.seq),
        )
        assert.deepEqual(
          seqs,
          Array.from({ length: 25 }, (_, i) => i + 1),
        )
      } finally {
        await handle.close()
      }
    })

    test('an edited row and a deleted newest row are both detected', async () => {
      const { handle, service } = await setUp()
      try {
        for (let i = 0; i < 4; i++) await service.record(entry(`test.${i}`))
        await sql`update audit_event set actor_email = 'cover@example.org' where seq = 2`.execute(handle.db)
        const edited = await service.verifyChain()
        assert.equal(edited.ok, false)
        assert.equal(!edited.ok && edited.brokenAt, 2)

        await sql`update audit_event set actor_email = 'someone@example.org' where seq = 2`.execute(handle.db)
        assert.equal((await service.verifyChain()).ok, true, 'restored row verifies again')
        await sql`delete from audit_event where seq = 4`.execute(handle.db)
        const truncated = await service.verifyChain()
        assert.equal(truncated.ok, false)
        assert.match(!truncated.ok ? truncated.reason : '', /deleted/)
      } finally {
        await handle.close()
      }
    })

    test('listing filters by partnership, action, outcome and date, newest first', async () => {
      const { handle, service } = await setUp()
      try {
        await service.record(entry('auth.sign_in'))
        await service.record({ ...entry('auth.sign_in'), outcome: 'failure' })
        await service.record(entry('user.invite'))
        await service.record(entry('auth.sign_in', 'other-partnership'))
        const repo = new AuditRepository(handle.db)
        const all = await repo.list({ partnershipId: 'p1' }, 10, 0)
        assert.equal(all.total, 3)
        assert.deepEqual(
          all.events.map((e) => e.action),
          ['user.invite', 'auth.sign_in', 'auth.sign_in'],
        )
        assert.equal(
          (await repo.list({ partnershipId: 'p1', action: 'auth.sign_in', outcome: 'failure' }, 10, 0)).total,
          1,
        )
        assert.equal((await repo.list({ partnershipId: 'p1', actorEmail: 'SOMEONE@example.org' }, 10, 0)).total, 3)
        assert.equal((await repo.list({ partnershipId: 'p1', from: '2999-01-01' }, 10, 0)).total, 0)
      } finally {
        await handle.close()
      }
    })
  })
}
