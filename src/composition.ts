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
import { ChronologyCast } from './modules/chronology/chronology-cast.ts'
import { ChronologyEntryRepository } from './modules/chronology/chronology-entry.repository.ts'
import { ChronologyEntryService } from './modules/chronology/chronology-entries.service.ts'
import { ChronologyEpisodeRepository } from './modules/chronology/chronology-episode.repository.ts'
import { ChronologyEpisodeService } from './modules/chronology/chronology-episodes.service.ts'
import { ChronologyExportService } from './modules/chronology/chronology-export.service.ts'
import { IngestBatchRepository } from './modules/published-reviews/ingest/ingest-batch.repository.ts'
import { IngestBatchService } from './modules/published-reviews/ingest/ingest-batch.service.ts'
import { ChronologyImportRepository } from './modules/chronology/chronology-import.repository.ts'
import { ChronologyImportService } from './modules/chronology/chronology-imports.service.ts'
import { ChronologyLinkRepository } from './modules/chronology/chronology-link.repository.ts'
import { ChronologyPeopleRepository } from './modules/chronology/chronology-people.repository.ts'
import { ChronologyRequestRepository } from './modules/chronology/chronology-request.repository.ts'
import { ChronologyRequestService } from './modules/chronology/chronology-requests.service.ts'
import { ChronologyScopes } from './modules/chronology/chronology-scope.ts'
import type { ChronologyServices } from './modules/chronology/chronology-services.ts'
import { ChronologySharingRepository } from './modules/chronology/chronology-sharing.repository.ts'
import { ChronologySharingService } from './modules/chronology/chronology-sharing.service.ts'
import { IntegratedChronologyService } from './modules/chronology/integrated-chronology.service.ts'
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
import { seedSecondPartnership } from './db/seed/demo-second-partnership.ts'
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
import { PanelRepository } from './modules/panel/panel.repository.ts'
import { createPanelService, type PanelService } from './modules/panel/panel.service.ts'

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
    readonly publication: PublicationRepository
    readonly partnerSignOffs: PartnerSignOffRepository
  }
  readonly audit: AuditService
  /** The one access policy: every service method starts with `access.require(actor, permission, target)`. */
  readonly access: AccessPolicy
  readonly auth: AuthService
  readonly users: UserService
  readonly reviews: ReviewService
  /** Agencies' chronologies and the integrated chronology: one service per concept (requests, imports, …). */
  readonly chronology: ChronologyServices
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
  /** Other children at risk (siblings, household and contact children) and their safety actions. */
  readonly childrenAtRisk: ChildAtRiskService
  /** How each agency shared a review's learning, and reminders to those that have not. */
  readonly dissemination: DisseminationService
  /** The national Panel's workspace, the partnership's answers to it, and the national figures. */
  readonly panel: PanelService
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
  const chronology = composeChronology({
    database,
    access,
    audit,
    partnerships,
    reviews: reviewService,
    cast: new CaseKnowledgeRepository(database.db),
    now,
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
  const panel = createPanelService({
    access,
    repository: new PanelRepository(database.db),
    reviews: reviewService,
    audit,
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
    childrenAtRisk,
    panel,
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

  if (config.seedDemo && (await seedDemo(partnerships, users, now(), partnerSignOffs)) && config.seedDemoReviews) {
    await seedDemoContent(
      { partnerships, users, reviews: reviewService, caseKnowledge, chronology, reports, recommendations },
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
    unitOfWork,
    repositories: {
      partnerships,
      users,
      sessions,
      audit: auditRepository,
      reviews: reviewRepository,
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
    childrenAtRisk,
    dissemination,
    panel,
    impact,
    partnershipYear,
    close: () => database.close(),
  }
}

/**
 * The chronology slice: its repositories, the scope and cast helpers they share, and one service per
 * concept, each given exactly what it uses.
 */
function composeChronology(deps: {
  database: DatabaseHandle
  access: AccessPolicy
  audit: AuditService
  partnerships: PartnershipRepository
  reviews: ReviewService
  cast: CaseKnowledgeRepository
  now: () => Date
}): ChronologyServices {
  const { database, access, audit, now } = deps
  const entries = new ChronologyEntryRepository(database.db)
  const people = new ChronologyPeopleRepository(database.db, deps.cast)
  const episodes = new ChronologyEpisodeRepository(database.db)
  const sharing = new ChronologySharingRepository(database.db)
  const scopes = new ChronologyScopes({ reviews: entries, partnerships: deps.partnerships })
  const cast = new ChronologyCast({ people, access, audit, now })
  const integrated = new IntegratedChronologyService({
    access,
    entries,
    links: new ChronologyLinkRepository(database.db),
    episodes,
    sharing,
    cast,
    scopes,
    audit,
    now,
  })
  return {
    requests: new ChronologyRequestService({
      access,
      requests: new ChronologyRequestRepository(database.db),
      scopes,
      reviews: deps.reviews,
      audit,
      now,
    }),
    imports: new ChronologyImportService({
      access,
      imports: new ChronologyImportRepository(database.db),
      entries,
      scopes,
      audit,
      now,
    }),
    entries: new ChronologyEntryService({ access, entries, people, episodes, sharing, cast, scopes, audit, now }),
    integrated,
    episodes: new ChronologyEpisodeService({ access, entries, episodes, audit, now }),
    sharing: new ChronologySharingService({ access, sharing, audit, now }),
    exports: new ChronologyExportService({ access, integrated, entries, audit }),
  }
}
