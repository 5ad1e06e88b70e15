import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Actor } from '../../modules/access/actor.ts'
import type { CaseKnowledgeService } from '../../modules/case-knowledge/case-knowledge.service.ts'
import type { ChronologyServices } from '../../modules/chronology/chronology-services.ts'
import { addWorkingDays } from '../../modules/clocks/working-days.ts'
import type { IsoDate } from '../../modules/clocks/plain-date.ts'
import type { PartnershipRepository } from '../../modules/partnerships/partnership.repository.ts'
import type { ReportService } from '../../modules/reports/report.service.ts'
import type { ReviewService } from '../../modules/reviews/review.service.ts'
import { sharedDataDir } from '../../shared-data.ts'

/** The demo case's agency files and the demo partnership's agency each comes from (demo-case README). */
const CHRONOLOGY_FILES: ReadonlyArray<{ file: string; agency: string }> = [
  { file: 'childrens_social_care.csv', agency: "Marlshire Children's Social Care" },
  { file: 'gp.csv', agency: 'GP practices (Marlshire Integrated Care Board)' },
  { file: 'health_visiting.csv', agency: 'Marlshire Health Visiting Service' },
  { file: 'midwifery_and_hospital.csv', agency: 'Marlshire Hospitals NHS Foundation Trust' },
  { file: 'nursery.csv', agency: 'Early years: Marlshire nurseries' },
  { file: 'police.csv', agency: 'Marlshire Police' },
  { file: 'substance_misuse_service.csv', agency: 'Marlshire Recovery Partnership' },
]

/** Where the demo case's files are, or null when this machine has no shared data (the seed then skips them). */
export function demoCaseFolder(): string | null {
  try {
    const folder = join(sharedDataDir(), 'demo-case')
    return existsSync(join(folder, 'cast.json')) ? folder : null
  } catch {
    return null
  }
}

/**
 * Give the demo review "Child M" its case material from the fictional demo case
 * (`../shared/data/demo-case`): the people and places, every agency's chronology imported and
 * submitted (so the integrated chronology has its 321 entries and linked events), and the lead
 * reviewer's drafts of the overview report and executive summary. With them, the demo can be
 * walked from the integrated chronology to a published, anonymised report.
 *
 * Contract: does nothing and resolves false when the demo case's files are not on this machine or
 * "Child M" is not found; otherwise resolves true. Runs through the services (access checks, audit)
 * as the demo coordinator and lead reviewer.
 */
export async function seedDemoCaseMaterial(
  services: {
    reviews: ReviewService
    caseKnowledge: CaseKnowledgeService
    chronology: ChronologyServices
    reports: ReportService
    partnerships: PartnershipRepository
  },
  actors: { coordinator: Actor; leadReviewer: Actor },
  today: IsoDate,
): Promise<boolean> {
  const folder = demoCaseFolder()
  if (!folder) return false
  const { coordinator, leadReviewer } = actors
  const childM = (await services.reviews.list(coordinator)).find((item) => item.review.pseudonym === 'Child M')
  if (!childM) return false
  const reviewId = childM.review.id
  const read = (...parts: string[]) => readFileSync(join(folder, ...parts))

  await services.caseKnowledge.importFiles(
    coordinator,
    reviewId,
    read('cast.json').toString('utf8'),
    read('places.json').toString('utf8'),
  )

  const agencies = await services.partnerships.listAgencies(coordinator.partnershipId!)
  const agencyId = (name: string) => agencies.find((a) => a.name === name)?.id
  const available = new Set(readdirSync(join(folder, 'chronologies')))
  const files = CHRONOLOGY_FILES.filter((f) => available.has(f.file) && agencyId(f.agency))
  await services.chronology.requests.requestFromAgencies(coordinator, reviewId, {
    agencyIds: files.map((f) => agencyId(f.agency)!),
    kinds: ['chronology', 'agency_report'],
    dueDate: addWorkingDays(today, 10),
  })
  for (const { file, agency } of files) {
    const preview = await services.chronology.imports.previewImport(coordinator, reviewId, {
      agencyId: agencyId(agency),
      fileName: file,
      data: read('chronologies', file),
    })
    await services.chronology.imports.commitImport(coordinator, reviewId, preview.importId, {})
    await services.chronology.entries.submitDrafts(coordinator, reviewId, agencyId(agency))
  }

  const drafts = [
    { kind: 'overview_report', file: 'overview-report-draft.md' },
    { kind: 'executive_summary', file: 'executive-summary-draft.md' },
  ] as const
  for (const { kind, file } of drafts) {
    if (!existsSync(join(folder, file))) continue
    await services.reports.importDraft(leadReviewer, reviewId, kind, { fileName: file, data: read(file) }, 0)
  }
  return true
}
