import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { testDatabases } from '../../test/support/databases.ts'
import { migrateToLatest } from './migrate.ts'
import { UnitOfWork } from './unit-of-work.ts'
import type { DatabaseHandle } from './database.ts'

/** A partnership row (the simplest table with no foreign keys). */
async function addPartnership(db: UnitOfWork['db'], name: string): Promise<void> {
  await db
    .insertInto('partnership')
    .values({ id: name, name, region: 'North West', created_at: new Date().toISOString() })
    .execute()
}

async function names(handle: DatabaseHandle): Promise<string[]> {
  const rows = await handle.db.selectFrom('partnership').select('name').orderBy('name').execute()
  return rows.map((r) => r.name)
}

for (const database of testDatabases()) {
  describe(`units of work on ${database.name}`, () => {
    async function withUnitOfWork(body: (work: UnitOfWork, handle: DatabaseHandle) => Promise<void>) {
      const handle = await database.open()
      try {
        await migrateToLatest(handle.db as never, handle.schema)
        await body(new UnitOfWork(handle.db), handle)
      } finally {
        await handle.close()
      }
    }

    test('everything written in a unit of work commits together', async () => {
      await withUnitOfWork(async (work, handle) => {
        const result = await work.run(async () => {
          await addPartnership(work.db, 'A')
          // A repository's own transaction joins the unit of work.
          await work.db.transaction().execute(async (trx) => addPartnership(trx, 'B'))
          return 'done'
        })
        assert.equal(result, 'done')
        assert.deepEqual(await names(handle), ['A', 'B'])
      })
    })

    test('a failure part way rolls back everything written before it, own transactions included', async () => {
      await withUnitOfWork(async (work, handle) => {
        await assert.rejects(
          work.run(async () => {
            await addPartnership(work.db, 'A')
            await work.db.transaction().execute(async (trx) => addPartnership(trx, 'B'))
            // A nested unit of work joins the outer one (and is rolled back with it).
            await work.run(() => addPartnership(work.db, 'C'))
            throw new Error('the disk is full')
          }),
          /the disk is full/,
        )
        assert.deepEqual(await names(handle), [])
        assert.equal(work.open, false)
      })
    })

    test('outside a unit of work each query runs on its own, and own transactions are real ones', async () => {
      await withUnitOfWork(async (work, handle) => {
        await addPartnership(work.db, 'A')
        await assert.rejects(
          work.db.transaction().execute(async (trx) => {
            await addPartnership(trx, 'B')
            throw new Error('refused')
          }),
          /refused/,
        )
        assert.deepEqual(await names(handle), ['A'])
      })
    })

    test('work started elsewhere while a unit of work is open is not part of it', async () => {
      await withUnitOfWork(async (work, handle) => {
        let release!: () => void
        const held = new Promise<void>((resolve) => (release = resolve))
        const inside = work.run(async () => {
          await addPartnership(work.db, 'A')
          await held
          throw new Error('rolled back')
        })
        // Another request, outside the unit of work: it waits for it on SQLite (one connection), runs
        // beside it on PostgreSQL, and commits whatever the unit of work does.
        const outside = addPartnership(work.db, 'B')
        release()
        await assert.rejects(inside, /rolled back/)
        await outside
        assert.deepEqual(await names(handle), ['B'])
      })
    })
  })
}
