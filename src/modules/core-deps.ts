import type { Kysely } from 'kysely'
import type { Config } from '../config.ts'
import type { DatabaseHandle } from '../db/database.ts'
import type { Database } from '../db/schema.ts'
import type { AccessPolicy } from './access/access.policy.ts'
import type { AuditService } from './audit/audit.service.ts'
import type { CaseKnowledgeService } from './case-knowledge/case-knowledge.service.ts'
import type { ChronologyServices } from './chronology/chronology-services.ts'
import type { OutboxService } from './outbox/outbox.service.ts'
import type { PartnershipRepository } from './partnerships/partnership.repository.ts'
import type { PublishedReviewService } from './published-reviews/published-review.service.ts'
import type { ReviewService } from './reviews/review.service.ts'
import type { UserRepository } from './users/user.repository.ts'

/**
 * The core services every later slice is built from. `src/composition.ts` makes one of these and
 * passes it to each slice's `create…Service(deps)`, so a slice can take what it needs without the
 * composition changing.
 */
export interface CoreDeps {
  readonly config: Config
  readonly database: DatabaseHandle
  readonly db: Kysely<Database>
  /** The app's clock (tests move it). */
  readonly now: () => Date
  readonly audit: AuditService
  /** The one access policy (access.policy.ts). */
  readonly access: AccessPolicy
  readonly partnerships: PartnershipRepository
  readonly users: UserRepository
  readonly reviews: ReviewService
  readonly caseKnowledge: CaseKnowledgeService
  readonly chronology: ChronologyServices
  readonly publishedReviews: PublishedReviewService
  /** Email queued for sending (reminders); administrators see it at `/admin/outbox`. */
  readonly outbox: OutboxService
}
