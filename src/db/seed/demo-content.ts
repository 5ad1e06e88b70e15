import type { CaseKnowledgeService } from '../../modules/case-knowledge/case-knowledge.service.ts'
import type { ChronologyServices } from '../../modules/chronology/chronology-services.ts'
import { todayInEngland } from '../../modules/clocks/plain-date.ts'
import type { PartnershipRepository } from '../../modules/partnerships/partnership.repository.ts'
import { seedChildMActionPlan } from '../../modules/recommendations/demo-action-plan.ts'
import type { RecommendationService } from '../../modules/recommendations/recommendation.service.ts'
import type { ReportService } from '../../modules/reports/report.service.ts'
import type { ReviewService } from '../../modules/reviews/review.service.ts'
import type { UserRepository } from '../../modules/users/user.repository.ts'
import { seedDemoCaseMaterial } from './demo-case-material.ts'
import { demoActor, seedDemoReviewsFor } from './demo-seed.ts'
import { seedDemoNational } from './demo-national.ts'

/**
 * Everything the demo partnership holds beyond its users: the demo reviews, Child M's action plan,
 * and (when the fictional demo case's files are on this machine) Child M's people, chronologies
 * and report drafts. Called once, right after the demo partnership is first seeded.
 */
export async function seedDemoContent(
  services: {
    partnerships: PartnershipRepository
    users: UserRepository
    reviews: ReviewService
    caseKnowledge: CaseKnowledgeService
    chronology: ChronologyServices
    reports: ReportService
    recommendations: RecommendationService
  },
  now: Date,
): Promise<void> {
  const { partnerships, users } = services
  const today = todayInEngland(now)
  await seedDemoReviewsFor(partnerships, users, services.reviews, now)
  // Two more invented partnerships for the national Panel's queue and figures.
  await seedDemoNational(partnerships, users, services.reviews, now)
  await seedChildMActionPlan(services.recommendations, services, today)
  await seedDemoCaseMaterial(
    services,
    {
      coordinator: await demoActor(partnerships, users, 'coordinator@marlshire.example', 'coordinator'),
      leadReviewer: await demoActor(partnerships, users, 'reviewer@marlshire.example', 'lead_reviewer'),
    },
    today,
  )
}
