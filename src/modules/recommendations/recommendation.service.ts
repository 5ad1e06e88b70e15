import type { CoreDeps } from '../core-deps.ts'

/** Findings, recommendations, action plans, progress and evidence of impact. */
export class RecommendationService {
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
export function createRecommendationService(deps: CoreDeps): RecommendationService {
  return new RecommendationService(deps)
}
