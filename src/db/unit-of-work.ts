import { AsyncLocalStorage } from 'node:async_hooks'
import type { Kysely } from 'kysely'
import type { Database } from './schema.ts'

/**
 * Units of work: a use case that writes across slices (publishing: the publication record, the
 * national repository entry and its search document, the review's milestone and stage, the audit
 * log) runs in one database transaction, so a failure part way through leaves nothing half-written.
 *
 * How repositories are bound to it: every repository (and the search index) is built in
 * `src/composition.ts` over {@link UnitOfWork.db}, never over the raw Kysely instance. A query made
 * through `db` while {@link UnitOfWork.run} is open in the calling async context (AsyncLocalStorage)
 * runs in that transaction; anywhere else it runs on its own, exactly as on the raw instance. A
 * repository that opens its own transaction (`db.transaction().execute(…)`) joins the unit of work
 * instead: Kysely cannot nest transactions, and the whole point is one commit. So the services a use
 * case calls (each with its own access check and audit) need no transaction parameter, and their
 * caches stay the app's one set.
 *
 * Why ambient rather than a transaction passed down: the writes of a cross-slice use case are made by
 * other slices' services, not by repositories the use case holds, and on SQLite (one connection) a
 * query that escaped the transaction would wait for it forever.
 *
 * Contract: `run` commits when `work` resolves and rolls back when it rejects (rethrowing its error);
 * a `run` inside a `run` joins the outer one. Work must not start background tasks that outlive it
 * (they would run inside a finished transaction). Audit records written inside roll back with it: a
 * refusal that must stay on record is decided before the unit of work opens.
 */
export class UnitOfWork {
  readonly #root: Kysely<Database>
  readonly #open = new AsyncLocalStorage<Kysely<Database>>()
  /** The database every repository is built over: in the open unit of work, or on its own outside one. */
  readonly db: Kysely<Database>

  constructor(root: Kysely<Database>) {
    this.#root = root
    this.db = this.#bound()
  }

  /** True while a unit of work is open in the calling async context. */
  get open(): boolean {
    return this.#open.getStore() !== undefined
  }

  /**
   * Run `work` in one transaction: everything it writes through repositories built over {@link db}
   * commits together, or nothing does.
   * @returns what `work` returns, after the commit.
   * @throws what `work` throws, after the rollback; a database error from the commit itself.
   */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.open) return work()
    return this.#root.transaction().execute((trx) => this.#open.run(trx, work))
  }

  /** `db`: each property read goes to the open transaction, or to the root instance outside one. */
  #bound(): Kysely<Database> {
    const open = this.#open
    const root = this.#root
    const joined = {
      // A repository's own transaction inside a unit of work: the unit of work's transaction.
      execute: <T>(callback: (trx: Kysely<Database>) => Promise<T>): Promise<T> => callback(proxy),
      setIsolationLevel: () => joined,
      setAccessMode: () => joined,
    }
    const proxy: Kysely<Database> = new Proxy(root, {
      get(_target, property) {
        const current = open.getStore()
        if (current && property === 'transaction') return () => joined
        const target = current ?? root
        const value: unknown = Reflect.get(target, property, target)
        // Kysely's methods read private fields: call them on the instance itself, not on the proxy.
        return typeof value === 'function' ? value.bind(target) : value
      },
    })
    return proxy
  }
}
