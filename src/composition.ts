import type { Config } from './config.ts'
import { openDatabase, type DatabaseHandle } from './db/database.ts'
import { migrateToLatest } from './db/migrate.ts'
import { seedDemo } from './db/seed/demo-seed.ts'
import { AccessPolicy } from './modules/access/access.policy.ts'
import { AccessRepository } from './modules/access/access.repository.ts'
import { AuditRepository } from './modules/audit/audit.repository.ts'
import { AuditService } from './modules/audit/audit.service.ts'
import { AuthService } from './modules/auth/auth.service.ts'
import { CaseKnowledgeRepository } from './modules/case-knowledge/case-knowledge.repository.ts'
import { CaseKnowledgeService, type ExtraRecognizers } from './modules/case-knowledge/case-knowledge.service.ts'
import { createModelNameRecognizer, reviewLabelWords } from './anonymisation/model/model-name.recognizer.ts'
import { loadEntityTagger } from './modules/anonymisation/entity-tagger.loader.ts'
import { SessionRepository } from './modules/auth/session.repository.ts'
import { PartnershipRepository } from './modules/partnerships/partnership.repository.ts'
import { PublishedReviewRepository } from './modules/published-reviews/published-review.repository.ts'
import { PublishedReviewService } from './modules/published-reviews/published-review.service.ts'
import { ChronologyRepository } from './modules/chronology/chronology.repository.ts'
import { ChronologyService } from './modules/chronology/chronology.service.ts'
import { ChronologyImportRepository } from './modules/chronology/chronology-import.repository.ts'
import { ReviewRepository } from './modules/reviews/review.repository.ts'
import { ReviewService } from './modules/reviews/review.service.ts'
import { UserRepository } from './modules/users/user.repository.ts'
import { UserService } from './modules/users/user.service.ts'
import { createSearchIndex, type SearchIndex } from './search/create-search-index.ts'
import type { CoreDeps } from './modules/core-deps.ts'
import { createOutboxService, type OutboxService } from './modules/outbox/outbox.service.ts'
import { ReminderSweep } from './modules/outbox/reminder-sweep.ts'
import { OutboxRepository } from './modules/outbox/outbox.repository.ts'
import { createFleetLock } from './db/fleet-lock.ts'
import { seedDemoContent } from './db/seed/demo-content.ts'
import { seedDemoRepository } from './db/seed/demo-repository.ts'
import { seedSecondPartnership } from './db/seed/demo-second-partnership.ts'
import { demoActor } from './db/seed/demo-seed.ts'
import { createReportService, type ReportService } from './modules/reports/report.service.ts'
import {
  createRecommendationService,
  type RecommendationService,
} from './modules/recommendations/recommendation.service.ts'
import { createPublicationService, type PublicationService } from './modules/publication/publication.service.ts'
import { PartnerSignOffRepository } from './modules/publication/partner-sign-off.repository.ts'
import { createAgencyReportService, type AgencyReportService } from './modules/agency-reports/agency-report.service.ts'
import { TaskRepository } from './modules/tasks/task.repository.ts'
import { createTaskService, type TaskService } from './modules/tasks/task.service.ts'
import { ChildAtRiskRepository } from './modules/children-at-risk/child-at-risk.repository.ts'
import { DisseminationRepository } from './modules/dissemination/dissemination.repository.ts'
import { createDisseminationService, type DisseminationService } from './modules/dissemination/dissemination.service.ts'
import { ImpactRepository } from './modules/impact/impact.repository.ts'
import { createImpactService, type ImpactService } from './modules/impact/impact.service.ts'
import { PartnershipYearRepository } from './modules/partnership-year/partnership-year.repository.ts'
import {
  createPartnershipYearService,
  type PartnershipYearService,
} from './modules/partnership-year/partnership-year.service.ts'
import { createChildAtRiskService, type ChildAtRiskService } from './modules/children-at-risk/child-at-risk.service.ts'

/** Everything the app is made of, constructed once. */
export interface Services {
  readonly config: Config
  readonly database: DatabaseHandle
  readonly repositories: {
    readonly partnerships: PartnershipRepository
    readonly users: UserRepository
    readonly sessions: SessionRepository
    readonly audit: AuditRepository
    readonly reviews: ReviewRepository
    readonly chronology: ChronologyRepository
  }
  readonly audit: AuditService
  /** The one access policy: every service method starts with `access.require(actor, permission, target)`. */
  readonly access: AccessPolicy
  readonly auth: AuthService
  readonly users: UserService
  readonly reviews: ReviewService
  /** Agencies' chronologies and the integrated chronology. */
  readonly chronology: ChronologyService
  /** People and places in a review, and anonymisation with them. */
  readonly caseKnowledge: CaseKnowledgeService
  /** The public national repository of published reviews. */
  readonly publishedReviews: PublishedReviewService
  readonly searchIndex: SearchIndex
  /** Email queued for sending (reminders). */
  readonly outbox: OutboxService
  /** Queues the reminders now due and sends queued email (a timer in the server, and `case-review reminders`). */
  readonly reminders: ReminderSweep
  /** Agency reports (individual management reviews). */
  readonly agencyReports: AgencyReportService
  /** The overview report and executive summary. */
  readonly reports: ReportService
  /** Findings, recommendations and action plans. */
  readonly recommendations: RecommendationService
  /** Sign-off and publication. */
  readonly publication: PublicationService
  /** What is waiting for each person (home pages) and each review's task list. */
  readonly tasks: TaskService
  /** Other children at risk (siblings, household and contact children) and their safety actions. */
  readonly childrenAtRisk: ChildAtRiskService
  /** How each agency shared a review's learning, and reminders to those that have not. */
  readonly dissemination: DisseminationService
  /** Follow-up audits of recommendations and whether they showed impact. */
  readonly impact: ImpactService
  /** The partnership's year in figures (annual report). */
  readonly partnershipYear: PartnershipYearService
  /** Closes the database. */
  close(): Promise<void>
}

/**
 * The one place where things are constructed: database → repositories → services.
 *
 * Contract: migrates the database to the newest schema, and seeds the demo when
 * `config.seedDemo`; `now` is injectable so tests can move time.
 */
export async function composeServices(
  config: Config,
  options: { database?: DatabaseHandle; now?: () => Date } = {},
): Promise<Services> {
  const database = options.database ?? openDatabase(config.databaseUrl)
  const now = options.now ?? (() => new Date())
  await migrateToLatest(database.db as never, database.schema)

  const partnerships = new PartnershipRepository(database.db)
  const users = new UserRepository(database.db)
  const sessions = new SessionRepository(database.db)
  const auditRepository = new AuditRepository(database.db)
  const reviewRepository = new ReviewRepository(database.db)

  const audit = new AuditService(auditRepository, now)
  // The one access policy; refusals it decides are written to the audit log.
  const access = new AccessPolicy(new AccessRepository(database.db), audit)
  const auth = new AuthService(users, sessions, audit, config, now)
  const userService = new UserService(access, users, sessions, partnerships, audit, now)
  const reviewService = new ReviewService(access, reviewRepository, partnerships, audit, now)
  // The statistical model finds people the review's list misses; loaded once, on first use.
  const modelRecognizers: ExtraRecognizers = (cast, register) => [
    createModelNameRecognizer(loadEntityTagger(), {
      isLabelWord: reviewLabelWords(
        cast.map((m) => m.role ?? ''),
        () => register.entries().map((e) => e.label),
      ),
    }),
  ]
  const caseKnowledge = new CaseKnowledgeService(
    access,
    new CaseKnowledgeRepository(database.db),
    reviewService,
    audit,
    now,
    modelRecognizers,
  )
  const chronologyRepository = new ChronologyRepository(database.db)
  const chronology = new ChronologyService({
    repository: chronologyRepository,
    access,
    reviews: reviewService,
    audit,
    partnerships,
    now,
    imports: new ChronologyImportRepository(database.db),
  })
  const searchIndex = createSearchIndex(database)
  const publishedReviews = new PublishedReviewService({
    repository: new PublishedReviewRepository(database.db),
    searchIndex,
    access,
    actions: audit,
    now,
  })

  const outbox = createOutboxService({
    config,
    repository: new OutboxRepository(database.db, database.kind),
    audit,
    access,
    now,
  })
  const core: CoreDeps = {
    config,
    database,
    db: database.db,
    now,
    audit,
    access,
    partnerships,
    users,
    reviews: reviewService,
    caseKnowledge,
    chronology,
    publishedReviews,
    outbox,
  }
  const agencyReports = createAgencyReportService(core)
  const reports = createReportService(core)
  const recommendations = createRecommendationService(core)
  const publication = createPublicationService({ ...core, reports, recommendations })
  const childrenAtRisk = createChildAtRiskService({
    access,
    repository: new ChildAtRiskRepository(database.db),
    audit,
    partnerships,
    reviews: reviewService,
    caseKnowledge,
    now,
  })
  const dissemination = createDisseminationService({
    access,
    repository: new DisseminationRepository(database.db),
    audit,
    partnerships,
    users,
    outbox,
    now,
  })
  const impact = createImpactService({
    access,
    repository: new ImpactRepository(database.db),
    audit,
    recommendations,
    now,
  })
  const partnershipYear = createPartnershipYearService({
    access,
    repository: new PartnershipYearRepository(database.db),
    audit,
    recommendations,
    impact,
  })
  const tasks = createTaskService({
    access,
    repository: new TaskRepository(database.db),
    audit,
    partnerships,
    reviews: reviewService,
    chronology,
    agencyReports,
    reports,
    recommendations,
    publication,
    outbox,
    childrenAtRisk,
    now,
  })
  const reminders = new ReminderSweep(
    [
      { name: 'agency requests', queueDue: () => agencyReports.queueRequestReminders() },
      { name: 'overdue actions', queueDue: () => recommendations.queueOverdueReminders() },
      { name: 'learning not yet shared', queueDue: () => dissemination.queueReminders() },
    ],
    outbox,
    // Several servers on one PostgreSQL: one sweep at a time across the fleet.
    createFleetLock(database),
  )

  if (
    config.seedDemo &&
    (await seedDemo(partnerships, users, now(), new PartnerSignOffRepository(database.db))) &&
    config.seedDemoReviews
  ) {
    await seedDemoContent(
      { ...core, reviews: reviewService, caseKnowledge, chronology, reports, recommendations },
      now(),
    )
  }
  if (config.seedDemo) {
    // A second partnership and a person who works for both (the partnership switcher).
    await seedSecondPartnership({ partnerships, users, reviews: reviewService }, now(), config.seedDemoReviews)
  }
  if (config.seedDemo && config.seedDemoRepository) {
    // Published as the demo administrator (a curator); idempotent, so safe on every start.
    await seedDemoRepository(
      publishedReviews,
      await demoActor(partnerships, users, 'admin@marlshire.example', 'administrator'),
    )
  }

  return {
    config,
    database,
    repositories: {
      partnerships,
      users,
      sessions,
      audit: auditRepository,
      reviews: reviewRepository,
      chronology: chronologyRepository,
    },
    audit,
    access,
    auth,
    users: userService,
    reviews: reviewService,
    caseKnowledge,
    chronology,
    publishedReviews,
    searchIndex,
    outbox,
    reminders,
    agencyReports,
    reports,
    recommendations,
    publication,
    tasks,
    childrenAtRisk,
    dissemination,
    impact,
    partnershipYear,
    close: () => database.close(),
  }
}
