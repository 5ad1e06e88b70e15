import assert from 'node:assert/strict'
import { test } from 'node:test'
import { openDatabase } from '../../db/database.ts'
import { createFleetLock } from '../../db/fleet-lock.ts'
import type { OutboxService } from './outbox.service.ts'
import { ReminderSweep } from './reminder-sweep.ts'

const outbox = { sendPending: async () => ({ sent: 0, failed: 0, waiting: 2 }) } as unknown as OutboxService

test('a sweep runs every source, sends, and reports what each queued', async () => {
  const sweep = new ReminderSweep(
    [
      { name: 'agency requests', queueDue: async () => 2 },
      { name: 'overdue actions', queueDue: async () => 0 },
    ],
    outbox,
  )
  assert.deepEqual(await sweep.run(), {
    queued: { 'agency requests': 2, 'overdue actions': 0 },
    sending: { sent: 0, failed: 0, waiting: 2 },
  })
})

test('a failing source does not stop the others or the sending, and the failure is not swallowed', async () => {
  let later = false
  let sent = false
  const sweep = new ReminderSweep(
    [
      {
        name: 'broken',
        queueDue: async () => {
          throw new Error('database unavailable')
        },
      },
      {
        name: 'later',
        queueDue: async () => {
          later = true
          return 1
        },
      },
    ],
    {
      sendPending: async () => {
        sent = true
        return { sent: 1, failed: 0, waiting: 0 }
      },
    } as unknown as OutboxService,
  )
  await assert.rejects(sweep.run(), AggregateError)
  assert.equal(later, true)
  assert.equal(sent, true)
})

test('with a fleet lock, a sweep started while another runs is skipped and sends nothing', async () => {
  let sends = 0
  let finish!: () => void
  const slow = new Promise<void>((resolve) => (finish = resolve))
  const sender = {
    sendPending: async () => {
      sends++
      await slow
      return { sent: 1, failed: 0, waiting: 0 }
    },
  } as unknown as OutboxService
  const lock = createFleetLock(openDatabase('sqlite::memory:'))
  const first = new ReminderSweep([], sender, lock).run()
  const second = await new ReminderSweep([], sender, lock).run()
  assert.deepEqual(second, { queued: {}, sending: { sent: 0, failed: 0, waiting: 0 }, skipped: true })
  finish()
  assert.deepEqual(await first, { queued: {}, sending: { sent: 1, failed: 0, waiting: 0 } })
  assert.equal(sends, 1)
})

test('a sweep sends everything due, not only a first batch', async () => {
  const limits: number[] = []
  const sender = {
    sendPending: async (limit: number) => {
      limits.push(limit)
      return { sent: 150, failed: 0, waiting: 0 }
    },
  } as unknown as OutboxService
  await new ReminderSweep([], sender).run()
  assert.deepEqual(limits, [Number.POSITIVE_INFINITY])
})
