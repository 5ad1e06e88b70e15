import type { CoreDeps } from '../core-deps.ts'

/** Overview report and executive summary: sections, versions, comments. */
export class ReportService {
  readonly #deps: CoreDeps
  constructor(deps: CoreDeps) {
    this.#deps = deps
  }

  /** The dependencies this service was built with (placeholder until the service has methods). */
  get deps(): CoreDeps {
    return this.#deps
  }
}

/** Builds the service from the app's core services (called once by `src/composition.ts`). */
export function createReportService(deps: CoreDeps): ReportService {
  return new ReportService(deps)
}
