import type { CoreDeps } from '../core-deps.ts'
import type { RecommendationService } from '../recommendations/recommendation.service.ts'
import type { ReportService } from '../reports/report.service.ts'

/** What publication is built from: the core services, the reports and the recommendations. */
export type PublicationDeps = CoreDeps & {
  readonly reports: ReportService
  readonly recommendations: RecommendationService
}

/** Sign-off and publication steps, in order, each with who and when. */
export class PublicationService {
  readonly #deps: PublicationDeps
  constructor(deps: PublicationDeps) {
    this.#deps = deps
  }

  /** The dependencies this service was built with (placeholder until the service has methods). */
  get deps(): PublicationDeps {
    return this.#deps
  }
}

/** Builds the service from the app's core services (called once by `src/composition.ts`). */
export function createPublicationService(deps: PublicationDeps): PublicationService {
  return new PublicationService(deps)
}
