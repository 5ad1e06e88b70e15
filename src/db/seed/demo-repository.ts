import type { Actor } from '../../modules/access/actor.ts'
import { NotFoundError } from '../../modules/errors.ts'
import type { PublishedReviewService } from '../../modules/published-reviews/published-review.service.ts'
import { DEMO_CORPUS_SIZE, demoCorpusId, demoRepositoryCorpus } from './demo-repository-corpus.ts'

/**
 * Publish the invented demo corpus ({@link demoRepositoryCorpus}) into the public repository,
 * through the normal publish path so that the search index, snippets, facets and statistics are
 * built as for any curated review.
 *
 * Contract: idempotent. The entries have fixed ids; when the last one is already published the
 * seed does nothing and resolves 0, otherwise it publishes (or re-publishes, replacing by id) every
 * entry and resolves how many. `curator` needs `repository.curate`; throws what `publish` throws.
 */
export async function seedDemoRepository(publishedReviews: PublishedReviewService, curator: Actor): Promise<number> {
  if (await isPublished(publishedReviews, demoCorpusId(DEMO_CORPUS_SIZE - 1))) return 0
  const corpus = demoRepositoryCorpus()
  for (const entry of corpus) await publishedReviews.publish(curator, entry)
  return corpus.length
}

async function isPublished(publishedReviews: PublishedReviewService, id: string): Promise<boolean> {
  try {
    await publishedReviews.get(id)
    return true
  } catch (error) {
    if (error instanceof NotFoundError) return false
    throw error
  }
}
