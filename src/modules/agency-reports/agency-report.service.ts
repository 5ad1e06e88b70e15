import type { CoreDeps } from '../core-deps.ts'

/** Agency reports (individual management reviews): structured form or uploaded DOCX. */
export class AgencyReportService {
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
export function createAgencyReportService(deps: CoreDeps): AgencyReportService {
  return new AgencyReportService(deps)
}
