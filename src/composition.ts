import type { Config } from './config.ts'
import { openDatabase, type DatabaseHandle } from './db/database.ts'
import { migrateToLatest } from './db/migrate.ts'
import { UnitOfWork } from './db/unit-of-work.ts'
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
import { IngestBatchRepository } from './modules/published-reviews/ingest/ingest-batch.repository.ts'
import { IngestBatchService } from './modules/published-reviews/ingest/ingest-batch.service.ts'
import { ChronologyRepository } from './modules/chronology/chronology.repository.ts'
import { ChronologyService } from './modules/chronology/chronology.service.ts'
import { ChronologyImportRepository } from './modules/chronology/chronology-import.repository.ts'
import { ReviewRepository } from './modules/reviews/review.repository.ts'
import { ReviewClockRepository } from './modules/reviews/review-clock.repository.ts'
import { ReviewService } from './modules/reviews/review.service.ts'
import { UserRepository } from './modules/users/user.repository.ts'
import { UserService } from './modules/users/user.service.ts'
import { createSearchIndex, type SearchIndex } from './search/create-search-index.ts'
import { OutboxService } from './modules/outbox/outbox.service.ts'
import { ReminderSweep } from './modules/outbox/reminder-sweep.ts'
import { OutboxRepository } from './modules/outbox/outbox.repository.ts'
import { createFleetLock } from './db/fleet-lock.ts'
import { seedDemoContent } from './db/seed/demo-content.ts'
import { seedDemoRepository } from './db/seed/demo-repository.ts'
import { demoActor } from './db/seed/demo-seed.ts'
import { ReportRepository } from './modules/reports/report.repository.ts'
import { ReportService } from './modules/reports/report.service.ts'
import { RecommendationRepository } from './modules/recommendations/recommendation.repository.ts'
import { RecommendationService } from './modules/recommendations/recommendation.service.ts'
import { PublicationRepository } from './modules/publication/publication.repository.ts'
import { PublicationService } from './modules/publication/publication.service.ts'
import { PartnerSignOffRepository } from './modules/publication/partner-sign-off.repository.ts'
import { PartnerSignOffService } from './modules/publication/partner-sign-off.service.ts'
import { PublicationEntries } from './modules/publication/publication-entry.ts'
import { AgencyReportRepository } from './modules/agency-reports/agency-report.repository.ts'
import { AgencyReportService } from './modules/agency-reports/agency-report.service.ts'
import { TaskRepository } from './modules/tasks/task.repository.ts'
import { TaskService } from './modules/tasks/task.service.ts'

/** Everything the app is made of, constructed once. */
export interface Services {
  readonly config: Config
  /** The database, its `db` the unit of work's (every query joins the unit of work open around it). */
  readonly database: DatabaseHandle
  /** Runs a use case that writes across slices in one transaction (see src/db/unit-of-work.ts). */
  readonly unitOfWork: UnitOfWork
  readonly repositories: {
    readonly partnerships: PartnershipRepository
    readonly users: UserRepository
    readonly sessions: SessionRepository
    readonly audit: AuditRepository
    readonly reviews: ReviewRepository
    readonly chronology: ChronologyRepository
    readonly publication: PublicationRepository
    readonly partnerSignOffs: PartnerSignOffRepository
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
  /** Curators' uploads held in the database between upload and confirm: single reports and bulk uploads. */
  readonly publishedReviewIngest: IngestBatchService
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
  /** The statutory partners' sign-off, and who signs for each partner. */
  readonly partnerSignOff: PartnerSignOffService
  /** What is waiting for each person (home pages) and each review's task list. */
  readonly tasks: TaskService
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
  const opened = options.database ?? openDatabase(config.databaseUrl)
  const now = options.now ?? (() => new Date())
  await migrateToLatest(opened.db as never, opened.schema)
  // Every repository below is built over the unit of work's database, never the raw handle, so that
  // a use case writing across slices (publication) commits all of it or none.
  const unitOfWork = new UnitOfWork(opened.db)
  const database: DatabaseHandle = { ...opened, db: unitOfWork.db }

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
  const reviewService = new ReviewService(
    access,
    reviewRepository,
    new ReviewClockRepository(database.db),
    partnerships,
    audit,
    now,
  )
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
    now,
  })
  const publishedReviewIngest = new IngestBatchService({
    batches: new IngestBatchRepository(database.db),
    publisher: publishedReviews,
    access,
    actions: audit,
    now,
  })

  const outbox = new OutboxService({
    config,
    repository: new OutboxRepository(database.db, database.kind),
    audit,
    access,
    now,
  })
  const agencyReports = new AgencyReportService({
    repository: new AgencyReportRepository(database.db),
    access,
    audit,
    partnerships,
    outbox,
    now,
  })
  const reports = new ReportService({
    repository: new ReportRepository(database.db),
    access,
    audit,
    partnerships,
    reviews: reviewService,
    caseKnowledge,
    chronology,
    now,
  })
  const recommendations = new RecommendationService({
    repository: new RecommendationRepository(database.db),
    access,
    audit,
    partnerships,
    users,
    reviews: reviewService,
    outbox,
    now,
  })
  const publicationRepository = new PublicationRepository(database.db)
  const partnerSignOffs = new PartnerSignOffRepository(database.db)
  const partnerSignOff = new PartnerSignOffService({
    signOffs: partnerSignOffs,
    publication: publicationRepository,
    access,
    audit,
    users,
    now,
  })
  const publication = new PublicationService({
    repository: publicationRepository,
    signOffs: partnerSignOffs,
    access,
    audit,
    reviews: reviewService,
    publishedReviews,
    reports,
    recommendations,
    entries: new PublicationEntries({ partnerships, caseKnowledge, reports, now }),
    partnerSignOff,
    unitOfWork,
    now,
  })
  const tasks = new TaskService({
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
    now,
  })
  const reminders = new ReminderSweep(
    [
      { name: 'agency requests', queueDue: () => agencyReports.queueRequestReminders() },
      { name: 'overdue actions', queueDue: () => recommendations.queueOverdueReminders() },
    ],
    outbox,
    // Several servers on one PostgreSQL: one sweep at a time across the fleet.
    createFleetLock(database),
  )

  if (config.seedDemo && (await seedDemo(partnerships, users, now(), partnerSignOffs)) && config.seedDemoReviews) {
    await seedDemoContent(
      { partnerships, users, reviews: reviewService, caseKnowledge, chronology, reports, recommendations },
      now(),
    )
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
    unitOfWork,
    repositories: {
      partnerships,
      users,
      sessions,
      audit: auditRepository,
      reviews: reviewRepository,
      chronology: chronologyRepository,
      publication: publicationRepository,
      partnerSignOffs,
    },
    audit,
    access,
    auth,
    users: userService,
    reviews: reviewService,
    caseKnowledge,
    chronology,
    publishedReviews,
    publishedReviewIngest,
    searchIndex,
    outbox,
    reminders,
    agencyReports,
    reports,
    recommendations,
    publication,
    partnerSignOff,
    tasks,
    close: () => database.close(),
  }
}
