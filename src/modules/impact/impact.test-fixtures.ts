/**
 * For tests only: a submitted review with one finding and two recommendations, published to the national
 * repository `monthsAgo` months before today (or not published).
 */
import { actorFor, type TestApp } from '../../../test/support/app.ts'
import { createSubmittedReview } from '../../../test/support/reviews.ts'
import { addMonths, todayInEngland, type IsoDate } from '../clocks/plain-date.ts'

/** The fixture child's real name: it must never reach the published entry. */
export const IMPACT_CHILD_NAME = 'Rosalind Quenby'

export async function impactFixture(t: TestApp, options: { publishedMonthsAgo?: number } = {}) {
  const coordinator = await actorFor(t, 'coordinator@marlshire.example')
  const chair = await actorFor(t, 'chair@marlshire.example')
  const police = await actorFor(t, 'police.contributor@marlshire.example')
  const reviewId = await createSubmittedReview(t, coordinator, {
    pseudonym: 'Child R',
    child: { name: IMPACT_CHILD_NAME, dateOfBirth: '2024-03-01' },
  })
  const finding = await t.services.recommendations.addFinding(coordinator, reviewId, {
    title: 'Health visitors were not invited to strategy discussions',
    text: 'Synthetic finding.',
    theme: '',
  })
  const recommendation = (action: string) =>
    t.services.recommendations.addRecommendation(coordinator, reviewId, {
      addressedTo: 'Marlshire Safeguarding Children Partnership',
      action,
      measureOfSuccess: 'Strategy discussions include health',
      timescale: 'Six months',
      findingIds: [finding.id],
    })
  const first = await recommendation('should make sure health visitors are invited to every strategy discussion')
  const second = await recommendation('should audit the use of the escalation policy')
  let publishedOn: IsoDate | null = null
  let entryId: string | null = null
  if (options.publishedMonthsAgo !== undefined) {
    publishedOn = addMonths(todayInEngland(t.now()), -options.publishedMonthsAgo)
    const published = await t.services.recommendations.forPublication(coordinator, reviewId)
    const entry = await t.services.publishedReviews.publish(coordinator, {
      pseudonym: 'Child R',
      year: Number(publishedOn.slice(0, 4)),
      area: 'Marlshire',
      reviewType: 'lcspr',
      summary: 'Child R, aged two, was harmed at home.',
      recommendations: published.map((r) => r.text),
      confirmedAnonymised: true,
      publishedAt: `${publishedOn}T12:00:00.000Z`,
    })
    entryId = entry.id
    // The publication step links the review to its entry; driving the whole sign-off journey here would
    // test publication, not impact, so the link is written as that step writes it.
    await t.services.database.db
      .insertInto('publication')
      .values({
        review_id: reviewId,
        summary: 'Child R, aged two, was harmed at home.',
        themes: '[]',
        keywords: '[]',
        publish_as_anonymous: 0,
        published_review_id: entry.id,
        keep_until: null,
        version: 1,
        updated_by: coordinator.userId,
        updated_at: t.now().toISOString(),
      })
      .execute()
  }
  return { coordinator, chair, police, reviewId, first, second, publishedOn, entryId }
}
