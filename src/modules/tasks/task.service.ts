/**
 * The work waiting for each person (their home page) and the review's task list, gathered from the other
 * slices' services. Every call is made as the actor, so each service's own access checks apply: a task
 * is only ever built from what the actor may already read. The only reads of its own (TaskRepository)
 * are which reviews ask an agency for anything and a review's reminder emails, each behind a check here.
 */
import type { Actor } from '../access/actor.ts'
import { roleAllows } from '../access/permissions.ts'
import type { AgencyReportService } from '../agency-reports/agency-report.service.ts'
import { reminderFor } from '../agency-reports/reminders.ts'
import type { AuditService } from '../audit/audit.service.ts'
import { formatLongDate, todayInEngland, type IsoDate } from '../clocks/plain-date.ts'
import type { AgencyRequest } from '../chronology/chronology.ts'
import type { ChronologyServices } from '../chronology/chronology-services.ts'
import type { ChildAtRiskService } from '../children-at-risk/child-at-risk.service.ts'
import type { OutboxService } from '../outbox/outbox.service.ts'
import type { PanelService } from '../panel/panel.service.ts'
import { TOPIC_NAMES, TOPIC_SLUGS } from '../panel/panel.ts'
import type { PartnershipDirectory } from '../partnerships/partnership.ts'
import type { PublicationService, PublicationView } from '../publication/publication.service.ts'
import { PUBLICATION_STEPS } from '../publication/publication.ts'
import { VOICE_SECTIONS, type ReadinessFinding } from '../publication/publication-readiness.ts'
import { REPORT_TEMPLATES, type ReportKind } from '../reports/report-template.ts'
import type { RecommendationService } from '../recommendations/recommendation.service.ts'
import type { ReportService } from '../reports/report.service.ts'
import type { ReviewClock } from '../reviews/review-clocks.ts'
import type { ReviewListItem, ReviewService } from '../reviews/review.service.ts'
import type { Review } from '../reviews/review.ts'
import type { ReviewReminder, TaskRepository } from './task.repository.ts'
import {
  agencyRows,
  orderTasks,
  reviewPartStates,
  signOffTask,
  stageAllows,
  type AgencyRow,
  type DocumentFact,
  type OrderedTask,
  type PartState,
  type Task,
} from './task.ts'
import type { AccessPolicy } from '../access/access.policy.ts'

/** What the task service is built from (constructed in composition.ts). */
export interface TaskDeps {
  readonly access: AccessPolicy
  readonly repository: TaskRepository
  readonly audit: AuditService
  readonly partnerships: PartnershipDirectory
  readonly reviews: ReviewService
  readonly chronology: ChronologyServices
  readonly agencyReports: AgencyReportService
  readonly reports: ReportService
  readonly recommendations: RecommendationService
  readonly publication: PublicationService
  readonly outbox: OutboxService
  /** Other children at risk: their open safety actions are tasks until confirmed. */
  readonly childrenAtRisk: ChildAtRiskService
  /** The national Panel's queue (its members' tasks) and the answers partnerships owe it. */
  readonly panel: PanelService
  readonly now: () => Date
}

/** The signed-in person's home: their tasks, overdue first, and what they finished. */
export interface Home {
  readonly today: IsoDate
  readonly tasks: OrderedTask[]
  /** Requests already answered (agency contributors), so they can see it went. */
  readonly done: Task[]
}

/** The review page's task list: every part with its status, and a row per agency asked. */
export interface ReviewTaskList {
  readonly today: IsoDate
  readonly parts: PartState[]
  readonly agencies: AgencyRow[]
  /** Whether the actor may see the reminders sent (coordinators of the review's partnership). */
  readonly mayReadReminders: boolean
}

/** Stages from which sign-off and publication steps can be waiting on someone. */
const PUBLICATION_STAGES = new Set(['analysis_and_drafting', 'sign_off', 'publication'])
/** Clock statuses worth a task: the coordinator chases these. */
const CHASE_STATUSES = new Set(['overdue', 'due_soon'])

const reviewName = (review: { reference: string; pseudonym: string | null }) =>
  `${review.reference}${review.pseudonym ? ` ${review.pseudonym}` : ''}`

/** Use cases: a person's home page, a review's task list and the reminders of a review. */
export class TaskService {
  readonly #deps: TaskDeps
  constructor(deps: TaskDeps) {
    this.#deps = deps
  }

  /**
   * What is waiting for the actor, overdue first, each with the page where it is done. Which tasks are
   * gathered follows the actor's permissions (agency requests with `contribution.submit`, chasing with
   * `review.manage`, decisions and sign-offs with `review.decide`, writing and anonymisation with
   * `report.write`, reading with `review.comment`, notifications with `notification.readNational`, the
   * outbox with `outbox.read`). Contract: only from reads the actor's own checks allow; never throws
   * AccessDeniedError (a person with none of these permissions has no tasks).
   */
  async home(actor: Actor): Promise<Home> {
    await this.#deps.access.require(actor, 'task.read')
    const today = todayInEngland(this.#deps.now())
    const may = (p: Parameters<typeof roleAllows>[1]) => roleAllows(actor.role, p)
    const tasks: Task[] = []
    const done: Task[] = []
    if (may('contribution.submit')) await this.#contributorTasks(actor, tasks, done)
    const reviewPermission = may('review.list') && !may('contribution.submit')
    // The Panel's members and secretariat work from its queue: their tasks are the cases waiting on the Panel.
    const panelWorker = may('panel.respond')
    if (panelWorker) tasks.push(...(await this.#panelTasks(actor)))
    const items =
      (reviewPermission || may('notification.readNational')) && !panelWorker ? await this.#deps.reviews.list(actor) : []
    if (may('panel.answer')) tasks.push(...(await this.#answerTasks(actor)))
    for (const item of items) {
      if (may('notification.readNational')) tasks.push(...this.#nationalTasks(item))
      if (may('review.manage')) tasks.push(...(await this.#coordinatorTasks(actor, item, today)))
      if (may('review.decide')) tasks.push(...(await this.#chairTasks(actor, item)))
      if (may('report.write') && !may('review.manage')) tasks.push(...(await this.#writerTasks(actor, item)))
      else if (may('review.comment') && !may('report.write') && !may('review.decide'))
        tasks.push(...(await this.#readerTasks(actor, item)))
    }
    if (may('outbox.read')) tasks.push(...(await this.#outboxTasks(actor)))
    if (may('childAtRisk.manage')) tasks.push(...(await this.#childAtRiskTasks(actor)))
    return { today, tasks: orderTasks(tasks, today), done }
  }

  /**
   * The task list of a review the actor has just read (the review page passes the item it got from
   * {@link ReviewService.get}). Parts the actor may not read stay `not_started`; agency rows come from the
   * chronology requests the actor may read. Contract: the same checks as the services it calls.
   */
  async reviewTaskList(actor: Actor, item: ReviewListItem): Promise<ReviewTaskList> {
    await this.#deps.access.require(actor, 'review.readSummary', { review: item.review.id })
    const { review } = item
    const today = todayInEngland(this.#deps.now())
    const reads = roleAllows(actor.role, 'review.read')
    const mayReadReminders = roleAllows(actor.role, 'review.manage')
    const commissioned = review.commissioning !== null && review.decision?.outcome === 'local_review'
    const requests: AgencyRequest[] = reads
      ? (await this.#deps.chronology.requests.listRequests(actor, review.id)).requests
      : []
    const documents = reads && commissioned ? await this.#deps.reports.publicationState(actor, review.id) : []
    const plan = reads && commissioned ? await this.#deps.recommendations.reviewPlan(actor, review.id) : null
    const publication = reads && commissioned ? await this.#deps.publication.view(actor, review.id) : null
    const documentFact = (kind: string): DocumentFact | null => {
      const d = documents.find((x) => x.kind === kind)
      return d
        ? {
            latestVersion: d.latestVersion,
            sentForAnonymisation: d.anonymisedDocumentId !== null,
            anonymisedAndCurrent: d.anonymisedAndCurrent,
          }
        : null
    }
    const parts = reviewPartStates({
      notificationSubmitted: review.notificationSubmittedAt !== null,
      rapidReviewStarted: review.rapidReview.summaries.length > 0 || review.rapidReview.meetingDate !== null,
      rapidReviewOutcomeRecorded: review.rapidReview.outcome.trim() !== '',
      decision: review.decision?.outcome ?? null,
      commissioned: review.commissioning !== null,
      requests: requests.map((r) => ({ agencyId: r.agencyId, kind: r.kind, status: r.status })),
      chronologyEntries: null,
      overviewReport: documentFact('overview_report'),
      executiveSummary: documentFact('executive_summary'),
      recommendations: plan ? plan.recommendations.length : null,
      publication: publication ? publicationFact(publication) : null,
      closedWithoutReview: review.stage === 'closed' && review.decision?.outcome !== 'local_review',
    })
    const reminders =
      mayReadReminders && requests.length ? await this.#deps.repository.remindersOfReview(review.id) : []
    const agencies = await this.#deps.partnerships.listAgencies(review.partnershipId)
    const names = new Map(agencies.map((a) => [a.id, a.name]))
    return { today, parts, agencies: agencyRows(requests, names, reminders, today), mayReadReminders }
  }

  /**
   * The reminder emails sent about a review's agency requests (to whom, when, status, subject and body),
   * newest first, for the review's coordinators. Contract: `review.manage` in the review's partnership
   * (checked by {@link ReviewService.manageableReview}); the read is audited (`review.reminders.read`).
   * @throws AccessDeniedError without the permission; NotFoundError outside the actor's partnership.
   */
  async reviewReminders(
    actor: Actor,
    reviewId: string,
  ): Promise<{ review: Review; reminders: ReviewReminder[]; agencyOfRequest: Map<string, string> }> {
    await this.#deps.access.require(actor, 'review.manage', { review: reviewId })
    const review = await this.#deps.reviews.manageableReview(actor, reviewId)
    const [reminders, { requests }, agencies] = await Promise.all([
      this.#deps.repository.remindersOfReview(reviewId),
      this.#deps.chronology.requests.listRequests(actor, reviewId),
      this.#deps.partnerships.listAgencies(review.partnershipId),
    ])
    const names = new Map(agencies.map((a) => [a.id, a.name]))
    const agencyOfRequest = new Map(requests.map((r) => [r.id, names.get(r.agencyId) ?? 'Unknown agency']))
    await this.#deps.audit.recordAction(
      actor,
      'review.reminders.read',
      { type: 'review', id: reviewId },
      { count: reminders.length },
    )
    return { review, reminders, agencyOfRequest }
  }

  // Tasks by kind of work ----------------------------------------------------------------------------------

  async #contributorTasks(actor: Actor, tasks: Task[], done: Task[]): Promise<void> {
    await this.#deps.access.require(actor, 'contribution.submit')
    if (!actor.partnershipId || !actor.agencyId) return
    for (const review of await this.#deps.repository.reviewsAskingAgency(actor.partnershipId, actor.agencyId)) {
      const open = stageAllows(review.stage, 'contribution')
      // Read as the actor: the chronology service decides what of the review they may see.
      const { requests } = await this.#deps.chronology.requests.listRequests(actor, review.id)
      for (const request of requests) {
        const chronology = request.kind === 'chronology'
        const task: Task = {
          title: chronology ? 'Send your agency’s chronology' : 'Write and submit your agency’s report',
          href: chronology ? `/reviews/${review.id}/chronology/requests` : `/reviews/${review.id}/agency-reports/own`,
          review: reviewName(review),
          dueDate: request.dueDate,
          detail: `Asked on ${formatLongDate(request.createdAt.slice(0, 10))}`,
        }
        if (request.status === 'submitted') {
          done.push({
            ...task,
            title: chronology ? 'Chronology submitted' : 'Agency report submitted',
            detail: request.submittedAt ? `Submitted on ${formatLongDate(request.submittedAt.slice(0, 10))}` : '',
          })
        } else if (open) tasks.push(task)
      }
    }
  }

  /** The cases waiting on the Panel, each linking to the case page where the Panel acts. */
  async #panelTasks(actor: Actor): Promise<Task[]> {
    const { items } = await this.#deps.panel.queue(actor)
    const titles: Partial<Record<string, string>> = {
      panel_response: 'Respond to the rapid review',
      panel_decision_response: 'Agree with or challenge the decision not to review',
      panel_evaluation: 'Evaluate the quality of the final report',
    }
    return items
      .filter((i) => i.waitingOn === 'panel')
      .map((i) => ({
        title: titles[i.waiting] ?? 'Read the case',
        href: `/panel/notifications/${i.review.id}`,
        review: reviewName(i.review),
        dueDate: null,
        detail: i.partnership.name,
      }))
  }

  /** The partnership's answers the national Panel is waiting for, each linking to its answer page. */
  async #answerTasks(actor: Actor): Promise<Task[]> {
    return (await this.#deps.panel.answersDue(actor)).map(({ review, topic }) => ({
      title: `Answer the national Panel: ${TOPIC_NAMES[topic].toLowerCase()}`,
      href: `/reviews/${review.id}/panel/${TOPIC_SLUGS[topic]}`,
      review: reviewName(review),
      dueDate: null,
    }))
  }

  #nationalTasks(item: ReviewListItem): Task[] {
    const { review } = item
    const notified = review.milestones.panel_notified
    return [
      {
        title: review.decision ? 'Read the notification and decision' : 'Read the notification',
        href: `/reviews/${review.id}`,
        review: reviewName(review),
        dueDate: null,
        detail: notified ? `Sent to the national Panel on ${formatLongDate(notified)}` : undefined,
      },
    ]
  }

  async #coordinatorTasks(actor: Actor, item: ReviewListItem, today: IsoDate): Promise<Task[]> {
    const { review } = item
    const name = reviewName(review)
    const tasks: Task[] = []
    if (!review.notificationSubmittedAt) {
      tasks.push({
        title: 'Finish and submit the notification',
        href: `/reviews/${review.id}/notification`,
        review: name,
        dueDate: dueOf(item.clocks, 'serious_incident_notification'),
      })
      return tasks
    }
    for (const clock of item.clocks) {
      if (!CHASE_STATUSES.has(clock.reading.status) || !clock.reading.dueDate) continue
      tasks.push({
        title: `${clock.reading.status === 'overdue' ? 'Overdue' : 'Due soon'}: ${clock.definition.name.toLowerCase()}`,
        href: `/reviews/${review.id}#clocks`,
        review: name,
        dueDate: clock.reading.dueDate,
      })
    }
    const { requests } = await this.#deps.chronology.requests.listRequests(actor, review.id)
    const toChase = requests.filter((r) => r.status === 'requested' && reminderFor(r.dueDate, today) !== null)
    if (toChase.length && stageAllows(review.stage, 'chase')) {
      const agencies = new Set(toChase.map((r) => r.agencyId)).size
      const overdue = toChase.filter((r) => r.dueDate < today).length
      tasks.push({
        title: `Chase ${agencies === 1 ? '1 agency' : `${agencies} agencies`} for their chronology or report`,
        href: `/reviews/${review.id}#agency-contributions`,
        review: name,
        dueDate: toChase.map((r) => r.dueDate).sort()[0],
        detail: overdue ? `${overdue} overdue` : 'Due within 5 working days',
      })
    }
    tasks.push(...(await this.#publicationTasks(actor, item)))
    return tasks
  }

  async #chairTasks(actor: Actor, item: ReviewListItem): Promise<Task[]> {
    const { review } = item
    const tasks: Task[] = []
    if (review.notificationSubmittedAt && !review.decision && review.rapidReview.outcome.trim()) {
      tasks.push({
        title: 'Decide whether to hold a local review',
        href: `/reviews/${review.id}/decision`,
        review: reviewName(review),
        dueDate: dueOf(item.clocks, 'review_decision'),
      })
    }
    tasks.push(...(await this.#publicationTasks(actor, item)))
    return tasks
  }

  /**
   * The next publication step, when the actor's role records it; for the coordinator also the
   * publication details the readiness check still misses. While information is still being gathered
   * only the panel's agreement can be waiting, and only once both documents are written.
   */
  async #publicationTasks(actor: Actor, item: ReviewListItem): Promise<Task[]> {
    const { review } = item
    const gathering = review.stage === 'information_gathering'
    if ((!PUBLICATION_STAGES.has(review.stage) && !gathering) || review.decision?.outcome !== 'local_review') return []
    const view = await this.#deps.publication.view(actor, review.id)
    const due = dueOf(item.clocks, 'review_completion')
    const tasks: Task[] = []
    const next = view.steps.find((s) => s.isNext && s.mayRecord)
    // Each partner signs for itself: the task names only the partners still waiting.
    const signOff = next?.step === 'signed_off' ? signOffTask(view.partners.states, view.partners.actorPartner) : null
    const waiting = next && !(next.step === 'signed_off' && !signOff)
    if (next && waiting && !(gathering && (next.step !== 'panel_agreed' || next.problems.length))) {
      tasks.push({
        title: signOff?.title ?? next.name,
        href: `/reviews/${review.id}/publication`,
        review: reviewName(review),
        dueDate: due,
        detail: next.problems.length ? next.problems[0] : (signOff?.detail ?? 'Ready to record'),
      })
    }
    // The summary, themes and area are the coordinator's: the chair cannot approve without them.
    const missing = view.readiness.blockers.filter((f) => f.part === 'details')
    if (view.may.manage && view.progress.done.panel_agreed && !view.progress.done.approved && missing.length) {
      tasks.push({
        title: 'Write the publication details: case summary, learning themes and area',
        href: `/reviews/${review.id}/publication#details`,
        review: reviewName(review),
        dueDate: due,
        detail: missing.map((f) => f.message).join('. '),
      })
    }
    return tasks
  }

  async #writerTasks(actor: Actor, item: ReviewListItem): Promise<Task[]> {
    const { review } = item
    if (!review.commissioning || review.decision?.outcome !== 'local_review') return []
    if (!stageAllows(review.stage, 'writing')) return []
    const due = dueOf(item.clocks, 'review_completion')
    const tasks: Task[] = []
    // What the publication readiness check finds in each document is the writer's to put right.
    const readiness = (await this.#deps.publication.view(actor, review.id)).readiness
    for (const d of await this.#deps.reports.publicationState(actor, review.id)) {
      const what = d.title.toLowerCase()
      tasks.push(...readinessTasks(readiness.findings, d, review))
      if (d.anonymisedAndCurrent) continue
      if (d.latestVersion === 0) {
        tasks.push({
          title: `Write the ${what}`,
          href: `/reviews/${review.id}/report`,
          review: reviewName(review),
          dueDate: due,
        })
      } else if (d.anonymisedDocumentId === null) {
        tasks.push({
          title: `Finish the ${what} and send it for anonymisation`,
          href: `/reviews/${review.id}/report`,
          review: reviewName(review),
          dueDate: due,
          detail: `Version ${d.latestVersion}`,
        })
      } else if (d.problem?.includes('send it for anonymisation again')) {
        tasks.push({
          title: `Send the ${what} for anonymisation again`,
          href: `/reviews/${review.id}/report/${REPORT_TEMPLATES[d.kind].slug}`,
          review: reviewName(review),
          dueDate: due,
          detail: d.problem,
        })
      } else {
        tasks.push({
          title: `Check the anonymised ${what}`,
          href: `/reviews/${review.id}/documents`,
          review: reviewName(review),
          dueDate: due,
          detail: d.problem ?? undefined,
        })
      }
    }
    return tasks
  }

  async #readerTasks(actor: Actor, item: ReviewListItem): Promise<Task[]> {
    const { review } = item
    if (!review.commissioning || review.decision?.outcome !== 'local_review') return []
    if (!stageAllows(review.stage, 'reading')) return []
    const due = dueOf(item.clocks, 'review_completion')
    const tasks: Task[] = []
    for (const d of await this.#deps.reports.publicationState(actor, review.id)) {
      if (d.latestVersion === 0) continue
      tasks.push({
        title: `Read and comment on the ${d.title.toLowerCase()}`,
        href: `/reviews/${review.id}/report`,
        review: reviewName(review),
        dueDate: due,
        detail: `Version ${d.latestVersion}`,
      })
    }
    const submitted = (await this.#deps.agencyReports.overview(actor, review.id)).reports.filter(
      (r) => r.status === 'submitted',
    ).length
    if (submitted) {
      tasks.push({
        title: `Read the agency reports (${submitted} submitted)`,
        href: `/reviews/${review.id}/agency-reports`,
        review: reviewName(review),
        dueDate: due,
      })
    }
    return tasks
  }

  /** One task per other child at risk whose safety action is not yet confirmed (labels, never names). */
  async #childAtRiskTasks(actor: Actor): Promise<Task[]> {
    return (await this.#deps.childrenAtRisk.openActions(actor)).map((open) => ({
      title: `Confirm the safety action for ${open.label.replace(/^Other/, 'other')}`,
      href: `/reviews/${open.reviewId}/children-at-risk#child-${open.id}`,
      review: reviewName({ reference: open.reviewReference, pseudonym: open.reviewPseudonym }),
      dueDate: open.dueDate,
      detail: `${open.agencyName}: ${open.responsiblePerson}`,
    }))
  }

  async #outboxTasks(actor: Actor): Promise<Task[]> {
    const failed = await this.#deps.outbox.list(actor, { status: 'failed' })
    if (failed.total === 0) return []
    return [
      {
        title: `${failed.total} ${failed.total === 1 ? 'email' : 'emails'} could not be sent`,
        href: '/admin/outbox?status=failed',
        review: null,
        dueDate: null,
      },
    ]
  }
}

/**
 * The writer's tasks from the readiness check for one document: the drafting labels to take out (where
 * they are) and the child's or family's voice left empty. Each links to the document. Pure.
 */
function readinessTasks(
  findings: readonly ReadinessFinding[],
  document: { kind: ReportKind; title: string },
  review: Review,
): Task[] {
  const href = `/reviews/${review.id}/report/${REPORT_TEMPLATES[document.kind].slug}`
  const what = document.title.toLowerCase()
  const own = findings.filter((f) => f.document === document.title)
  const markers = own.filter((f) => f.kind === 'marker' && f.severity === 'blocker')
  const tasks: Task[] = []
  if (markers.length) {
    const places = [...new Set(markers.map((f) => f.where.slice(document.title.length).replace(/^,\s*/, '')))]
    tasks.push({
      title: `Take the drafting labels out of the ${what}`,
      href,
      review: reviewName(review),
      dueDate: null,
      detail: `${markers.length} ${markers.length === 1 ? 'label stops' : 'labels stop'} publication: ${places.filter(Boolean).join('; ') || 'in the text'}`,
    })
  }
  for (const f of own.filter((x) => x.kind === 'empty_section' && VOICE_SECTIONS.includes(x.section ?? ''))) {
    tasks.push({
      title: `Write the section “${f.section}” of the ${what}`,
      href,
      review: reviewName(review),
      dueDate: null,
      detail: 'It is empty: the chair must accept that it is left out of the published report',
    })
  }
  return tasks
}

/** The due date of a running clock of the review, or null. */
function dueOf(clocks: readonly ReviewClock[], key: string): IsoDate | null {
  const clock = clocks.find((c) => c.definition.key === key)
  if (!clock || ['met_on_time', 'met_late'].includes(clock.reading.status)) return null
  return clock.reading.dueDate
}

function publicationFact(view: PublicationView) {
  const next = view.progress.next ? view.steps.find((s) => s.step === view.progress.next) : undefined
  return {
    done: PUBLICATION_STEPS.filter((s) => view.progress.done[s]).length,
    total: PUBLICATION_STEPS.length,
    next: next ? { name: next.name, who: next.who.toLowerCase() } : null,
    published: Boolean(view.progress.done.published) && !view.progress.withdrawn,
    notToPublish: view.progress.stoppedBy !== null,
  }
}
