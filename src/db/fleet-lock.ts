import { sql } from 'kysely'
import type { DatabaseHandle } from './database.ts'

/**
 * Runs a named task on one server of the fleet at a time (a scheduled sweep), skipping it where
 * another server is running it at that moment.
 */
export interface FleetLock {
  /**
   * Run `task` unless a run of `name` holds the lock somewhere (this process or, on PostgreSQL, any
   * server on the same database). Resolves `{ ran: false }` without waiting when it is held.
   * Contract: the lock is released when `task` settles, also when it throws (the error is rethrown).
   */
  runExclusive<T>(name: string, task: () => Promise<T>): Promise<{ ran: true; value: T } | { ran: false }>
}

/**
 * The fleet lock of a database. PostgreSQL: a session advisory lock (`pg_try_advisory_lock`) keyed
 * by the name, held on one pooled connection for the task's duration; it is released by PostgreSQL
 * itself if the server dies, so a crashed sweep never blocks the next. SQLite: the embedded
 * database serves one instance, so a lock inside the process is enough (runs overlapping in one
 * process still skip).
 */
export function createFleetLock(database: DatabaseHandle): FleetLock {
  const running = new Set<string>()
  const inProcess = async <T>(name: string, task: () => Promise<T>) => {
    if (running.has(name)) return { ran: false } as const
    running.add(name)
    try {
      return { ran: true, value: await task() } as const
    } finally {
      running.delete(name)
    }
  }
  if (database.kind !== 'postgres') return { runExclusive: inProcess }
  return {
    runExclusive: (name, task) =>
      inProcess(name, () =>
        database.db.connection().execute(async (connection) => {
          // The schema too: tests and benchmarks share one database, a schema each.
          const key = `case-review:${database.schema ?? 'public'}:${name}`
          const { rows } = await sql<{
            locked: boolean
          }>`select pg_try_advisory_lock(hashtext(${key})) as locked`.execute(connection)
          if (!rows[0]?.locked) return { ran: false } as const
          try {
            return { ran: true, value: await task() } as const
          } finally {
            await sql`select pg_advisory_unlock(hashtext(${key}))`.execute(connection)
          }
        }),
      ).then((outcome) => (outcome.ran ? outcome.value : outcome)),
  }
}
