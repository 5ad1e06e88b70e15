import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { startTestApp, testConfig, actorFor } from '../../../test/support/app.ts'
import { testDatabases } from '../../../test/support/databases.ts'
import { openDatabase, type DatabaseHandle as OpenedDatabase } from '../../db/database.ts'
import { AccessDeniedError } from '../access/access.ts'
import { OutboxRepository } from './outbox.repository.ts'
import { MAX_ATTEMPTS, OutboxService, type MailTransport } from './outbox.service.ts'

/** A transport that records what it is asked to send, and fails while `failing` is set. */
function fakeTransport(): MailTransport & { sent: Array<{ to: string; subject: string }>; failing: boolean } {
  const transport = {
    sent: [] as Array<{ to: string; subject: string }>,
    failing: false,
    async sendMail(message: { to: string; subject: string }) {
      if (transport.failing) throw new Error('connect ECONNREFUSED 127.0.0.1:25\nstack line')
      transport.sent.push({ to: message.to, subject: message.subject })
    },
  }
  return transport
}

for (const database of testDatabases()) {
  describe(`outbox (${database.name})`, () => {
    async function setUp(smtpUrl: string | null) {
      const t = await startTestApp(await database.open())
      const transport = fakeTransport()
      const outbox = new OutboxService({
        config: testConfig({ smtpUrl }),
        repository: new OutboxRepository(t.services.database.db, t.services.database.kind),
        audit: t.services.audit,
        access: t.services.access,
        now: t.now,
        createTransport: () => transport,
      })
      const admin = await actorFor(t, 'admin@marlshire.example')
      return { t, outbox, transport, admin }
    }
    const reminder = (partnershipId: string | null, key?: string) => ({
      to: 'police.contributor@marlshire.example',
      subject: 'Reminder: chronology due for review LCSPR-2026-001 (Child Q)',
      body: 'The chronology for Child Q is due on 3 December 2026.',
      kind: 'request.reminder',
      partnershipId,
      ...(key ? { dedupeKey: key } : {}),
    })

    test('a reminder queued twice with the same key is queued once; without a key it repeats', async () => {
      const { t, outbox, admin } = await setUp(null)
      try {
        assert.equal(await outbox.queue(reminder(admin.partnershipId, 'request.reminder:r1:due-soon')), true)
        assert.equal(await outbox.queue(reminder(admin.partnershipId, 'request.reminder:r1:due-soon')), false)
        assert.equal(await outbox.queue(reminder(admin.partnershipId)), true)
        assert.equal(await outbox.queue(reminder(admin.partnershipId)), true)
        const { entries, total } = await outbox.list(admin)
        assert.equal(total, 3)
        assert.ok(entries.every((e) => e.status === 'queued' && e.attempts === 0))
      } finally {
        await t.close()
      }
    })

    test('only administrators read the outbox, and only their own partnership’s email', async () => {
      const { t, outbox, admin } = await setUp(null)
      try {
        await outbox.queue(reminder(admin.partnershipId))
        await outbox.queue(reminder('another-partnership'))
        const { entries } = await outbox.list(admin)
        assert.deepEqual(
          entries.map((e) => e.partnershipId),
          [admin.partnershipId],
        )
        const coordinator = await actorFor(t, 'coordinator@marlshire.example')
        await assert.rejects(outbox.list(coordinator), AccessDeniedError)
      } finally {
        await t.close()
      }
    })

    test('without SMTP nothing is sent and nothing is lost', async () => {
      const { t, outbox, transport, admin } = await setUp(null)
      try {
        await outbox.queue(reminder(admin.partnershipId))
        assert.deepEqual(await outbox.sendPending(), { sent: 0, failed: 0, waiting: 1 })
        assert.equal(transport.sent.length, 0)
        assert.equal((await outbox.list(admin, { status: 'queued' })).total, 1)
      } finally {
        await t.close()
      }
    })

    test('with SMTP queued email is sent once, and the send is audited when an administrator asks', async () => {
      const { t, outbox, transport, admin } = await setUp('smtp://mail.example:25')
      try {
        await outbox.queue(reminder(admin.partnershipId))
        assert.deepEqual(await outbox.sendNow(admin), { sent: 1, failed: 0, waiting: 0 })
        assert.deepEqual(await outbox.sendPending(), { sent: 0, failed: 0, waiting: 0 })
        assert.equal(transport.sent.length, 1)
        const [entry] = (await outbox.list(admin)).entries
        assert.equal(entry.status, 'sent')
        assert.ok(entry.sentAt)
        const audit = await t.services.audit.list(admin, { action: 'outbox.send' }, 1)
        assert.equal(audit.total, 1)
      } finally {
        await t.close()
      }
    })

    test('a failing mail server is retried with a growing wait, then given up, recording only the first line of the error', async () => {
      const { t, outbox, transport, admin } = await setUp('smtp://mail.example:25')
      try {
        await outbox.queue(reminder(admin.partnershipId))
        transport.failing = true
        assert.deepEqual(await outbox.sendPending(), { sent: 0, failed: 0, waiting: 1 })
        // Not due again until its wait (1 minute) has passed.
        assert.deepEqual(await outbox.sendPending(), { sent: 0, failed: 0, waiting: 0 })
        for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt++) {
          t.advance(60_000 * 2 ** (attempt - 2))
          await outbox.sendPending()
        }
        const [entry] = (await outbox.list(admin)).entries
        assert.equal(entry.status, 'failed')
        assert.equal(entry.attempts, MAX_ATTEMPTS)
        assert.equal(entry.lastError, 'connect ECONNREFUSED 127.0.0.1:25')
      } finally {
        await t.close()
      }
    })

    test('two servers sending at once each claim different email: every message is sent exactly once', async () => {
      const { t, admin } = await setUp(null)
      // A second server: on PostgreSQL its own connection pool on the same schema; SQLite is single-instance,
      // so there the two runs share the one database handle (the claims are still what keeps them apart).
      const url = process.env.TEST_DATABASE_URL
      const schema = t.services.database.schema
      const second = database.name === 'postgres' && url && schema ? openDatabase(url, { schema }) : null
      try {
        const count = 40
        for (let i = 0; i < count; i++)
          await t.services.outbox.queue({ ...reminder(admin.partnershipId), to: `r${i}@example.org` })
        const delivered: string[] = []
        // Each server's first send waits until the other has started sending too, so the runs overlap for certain.
        let releaseA!: () => void
        let releaseB!: () => void
        const startedA = new Promise<void>((resolve) => (releaseA = resolve))
        const startedB = new Promise<void>((resolve) => (releaseB = resolve))
        const server = (db: OpenedDatabase, started: () => void, other: Promise<void>) =>
          new OutboxService({
            config: testConfig({ smtpUrl: 'smtp://mail.example:25' }),
            repository: new OutboxRepository(db.db, db.kind),
            audit: t.services.audit,
            access: t.services.access,
            now: t.now,
            createTransport: () => ({
              async sendMail(message: { to: string }) {
                started()
                await other
                delivered.push(message.to)
              },
            }),
          })
        const a = server(t.services.database, releaseA, startedB)
        const b = server(second ?? t.services.database, releaseB, startedA)
        const [resultA, resultB] = await Promise.all([
          a.sendPending().finally(releaseA),
          b.sendPending().finally(releaseB),
        ])
        assert.equal(resultA.sent + resultB.sent, count)
        assert.ok(resultA.sent > 0 && resultB.sent > 0, `both sent: ${resultA.sent} and ${resultB.sent}`)
        assert.equal(delivered.length, count)
        assert.equal(new Set(delivered).size, count)
        assert.equal((await t.services.outbox.list(admin, { status: 'sent' })).total, count)
      } finally {
        await second?.close()
        await t.close()
      }
    })

    test('the real SMTP transport is used when no other is given: a server that refuses is recorded and retried', async () => {
      const t = await startTestApp(await database.open())
      try {
        const outbox = new OutboxService({
          // Port 1 on this machine: nothing listens, so the connection is refused at once.
          config: testConfig({ smtpUrl: 'smtp://127.0.0.1:1' }),
          repository: new OutboxRepository(t.services.database.db, t.services.database.kind),
          audit: t.services.audit,
          access: t.services.access,
          now: t.now,
        })
        const admin = await actorFor(t, 'admin@marlshire.example')
        await outbox.queue(reminder(admin.partnershipId))
        assert.deepEqual(await outbox.sendPending(), { sent: 0, failed: 0, waiting: 1 })
        const [entry] = (await outbox.list(admin)).entries
        assert.equal(entry.status, 'queued')
        assert.equal(entry.attempts, 1)
        assert.match(entry.lastError ?? '', /ECONNREFUSED/)
      } finally {
        await t.close()
      }
    })
  })
}
