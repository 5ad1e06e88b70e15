/**
 * For tests only: the real app's services on a test database, a publication service whose reports
 * and recommendations are small in-memory fakes of their publication interfaces (so the steps can be
 * driven to any state), a clock the test sets, the demo actors and one submitted review.
 */
import { composeServices, type Services } from '../../composition.ts'
import type { DatabaseHandle } from '../../db/database.ts'
import { actorFor as actorOf, testConfig } from '../../../test/support/app.ts'
import { createSubmittedReview } from '../../../test/support/reviews.ts'
import type { Actor } from '../access/actor.ts'
import type { IsoDate } from '../clocks/plain-date.ts'
import type { ReviewChild } from '../reviews/review.ts'
import type { ReportKind } from '../reports/report-template.ts'
import type { ReportPublicationState } from '../reports/report.service.ts'
import {
  PublicationService,
  type RecommendationsForPublication,
  type ReportsForPublication,
  type StepInput,
} from './publication.service.ts'
import type { PublicationStep } from './publication.ts'

/** The reports slice as publication sees it, with documents a test can change. */
export class FakeReports implements ReportsForPublication {
  states: ReportPublicationState[] = [
    state('overview_report', 'Overview report'),
    state('executive_summary', 'Executive summary'),
  ]
  documents: Array<{ kind: ReportKind; title: string; html: string; text: string }> = [
    {
      kind: 'overview_report',
      title: 'Overview report',
      html: '<p>Child M was harmed.</p>',
      text: 'Child M was harmed.',
    },
    { kind: 'executive_summary', title: 'Executive summary', html: '<p>A summary.</p>', text: 'A summary.' },
  ]

  /** Both documents drafted (a version saved) but not anonymised. */
  drafted(): void {
    for (const s of this.states) Object.assign(s, { latestVersion: 1, problem: 'Not anonymised yet' })
  }

  /** Both documents anonymised and unchanged since. */
  anonymised(): void {
    for (const s of this.states) {
      Object.assign(s, { latestVersion: Math.max(1, s.latestVersion), anonymisedAndCurrent: true, problem: null })
      s.anonymisedDocumentId = `${s.kind}-anonymised`
    }
  }

  async publicationState(): Promise<ReportPublicationState[]> {
    return this.states.map((s) => ({ ...s }))
  }

  async publicationDocuments() {
    return this.documents.map((d) => ({ ...d }))
  }

  /** Empty sections by document kind (none unless a test sets them). */
  emptySections: Partial<Record<ReportKind, string[]>> = {}

  async readinessMaterial() {
    return this.states.map((s) => ({
      kind: s.kind,
      title: s.title,
      text: s.anonymisedAndCurrent ? (this.documents.find((d) => d.kind === s.kind)?.text ?? '') : null,
      draftText: null,
      emptySections: this.emptySections[s.kind] ?? [],
    }))
  }
}

function state(kind: ReportKind, title: string): ReportPublicationState {
  return {
    kind,
    title,
    latestVersion: 0,
    anonymisedDocumentId: null,
    anonymisedAndCurrent: false,
    problem: 'Nothing written yet',
  }
}

/** The recommendations slice as publication sees it. */
export class FakeRecommendations implements RecommendationsForPublication {
  recommendations: Array<{ number: number; text: string; addressedTo: string }> = [
    {
      number: 1,
      text: 'The partnership should check who lives in the household at every contact.',
      addressedTo: 'The partnership',
    },
  ]
  findings: Array<{ number: number; title: string; theme: string | null }> = [
    { number: 1, title: 'Men in the household were not assessed', theme: 'hidden_men_fathers' },
    { number: 2, title: 'A theme the repository does not know', theme: 'not_a_theme' },
  ]

  async forPublication() {
    return this.recommendations.map((r) => ({ ...r }))
  }

  async findingsForPublication() {
    return this.findings.map((f) => ({ ...f }))
  }
}

export interface PublicationFixture {
  services: Services
  service: PublicationService
  reports: FakeReports
  recommendations: FakeRecommendations
  coordinator: Actor
  /** The demo chair: signs off for the local authority. */
  chair: Actor
  /** The demo signers for the police and for health (chair role). */
  policePartner: Actor
  healthPartner: Actor
  leadReviewer: Actor
  panel: Actor
  police: Actor
  reviewId: string
  /** Set the app's clock to midday (UK) on `date`. */
  setToday(date: IsoDate): void
  close(): Promise<void>
}

/** A child for the fixture's review (synthetic). */
export const FIXTURE_CHILD: ReviewChild = {
  name: 'Robin Example',
  dateOfBirth: '2023-06-14',
  ageText: null,
  sex: 'female',
  ethnicGroup: 'white',
  disability: null,
  lookedAfter: false,
  childProtectionPlan: false,
  knownToSocialCare: true,
}

/**
 * Compose the app on `database` with the clock at `today`, make a submitted review (pseudonym
 * "Child M"; the lead reviewer is a member, the panel member is not) and the publication service
 * over the fakes.
 */
export async function publicationFixture(
  database: DatabaseHandle,
  today: IsoDate = '2026-11-26',
): Promise<PublicationFixture> {
  let current = new Date(`${today}T12:00:00Z`)
  const now = () => current
  const services = await composeServices(testConfig(), { database, now })
  const reports = new FakeReports()
  const recommendations = new FakeRecommendations()
  const service = new PublicationService({
    repository: services.repositories.publication,
    signOffs: services.repositories.partnerSignOffs,
    access: services.access,
    audit: services.audit,
    partnerships: services.repositories.partnerships,
    users: services.repositories.users,
    reviews: services.reviews,
    caseKnowledge: services.caseKnowledge,
    publishedReviews: services.publishedReviews,
    reports,
    recommendations,
    unitOfWork: services.unitOfWork,
    now,
  })
  const actorFor = (email: string): Promise<Actor> => actorOf({ services }, email)
  const coordinator = await actorFor('coordinator@marlshire.example')
  const reviewId = await createSubmittedReview({ services }, coordinator, {
    agenciesInvolved: ['Marlshire Police'],
    outline: 'Publication test review.',
    pseudonym: 'Child M',
    child: FIXTURE_CHILD,
  })
  const leadReviewer = await actorFor('reviewer@marlshire.example')
  await services.reviews.addMember(coordinator, reviewId, leadReviewer.userId, 'lead_reviewer')
  return {
    services,
    service,
    reports,
    recommendations,
    coordinator,
    chair: await actorFor('chair@marlshire.example'),
    policePartner: await actorFor('police.partner@marlshire.example'),
    healthPartner: await actorFor('health.partner@marlshire.example'),
    leadReviewer,
    panel: await actorFor('panel@marlshire.example'),
    police: await actorFor('police.contributor@marlshire.example'),
    reviewId,
    setToday(date) {
      current = new Date(`${date}T12:00:00Z`)
    },
    close: () => services.close(),
  }
}

/** All three statutory partners sign off (local authority, police, health), each with the current version. */
export async function signOffByAllPartners(f: PublicationFixture): Promise<void> {
  for (const [actor, signerRole] of [
    [f.chair, 'Director of Children’s Services'],
    [f.policePartner, 'Detective Superintendent, Public Protection'],
    [f.healthPartner, 'Chief Nurse, integrated care board'],
  ] as const) {
    const version = (await f.service.view(f.coordinator, f.reviewId)).record.version
    await f.service.recordStep(actor, f.reviewId, version, 'signed_off', { note: '', signerRole })
  }
}

/** A case summary the leak gate passes. */
export const CLEAN_SUMMARY =
  'Child M, a baby girl aged nine months, suffered a serious head injury while cared for by her mother’s partner. Agencies had been involved with the family for eighteen months.'

/** The publication record's current version. */
export async function versionOf(f: PublicationFixture): Promise<number> {
  return (await f.service.view(f.coordinator, f.reviewId)).record.version
}

/** Record `step` as `actor` with the current version. */
export async function record(
  f: PublicationFixture,
  actor: Actor,
  step: Exclude<PublicationStep, 'published'>,
  input: Partial<StepInput> = {},
): Promise<void> {
  await f.service.recordStep(actor, f.reviewId, await versionOf(f), step, {
    note: '',
    signerRole: 'Director of Children’s Services',
    ...input,
  })
}

/** Every step up to and including approval, with the documents ready and the report sent on `sentOn`. */
export async function readyToPublish(f: PublicationFixture, sentOn = '2026-11-20'): Promise<void> {
  f.reports.anonymised()
  await record(f, f.coordinator, 'panel_agreed', { note: 'Panel meeting agreed the draft' })
  await signOffByAllPartners(f)
  await record(f, f.coordinator, 'family_informed', { happenedOn: '2026-11-02', how: 'Meeting with the mother' })
  await record(f, f.coordinator, 'anonymised')
  await record(f, f.coordinator, 'sent_to_panel', { happenedOn: sentOn })
  await record(f, f.coordinator, 'embargo_cleared')
  await saveCleanDetails(f)
  await record(f, f.chair, 'approved')
}

/** Save the clean summary, a theme and keywords. */
export async function saveCleanDetails(f: PublicationFixture): Promise<void> {
  await f.service.saveDetails(f.coordinator, f.reviewId, await versionOf(f), {
    summary: CLEAN_SUMMARY,
    themes: ['information_sharing'],
    keywords: ['head injury', 'non-mobile baby'],
    publishAsAnonymous: false,
  })
}
