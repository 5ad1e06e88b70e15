import type { FastifyInstance } from 'fastify'
import type { Services } from '../../../../composition.ts'
import { formatLongDate } from '../../../../modules/clocks/plain-date.ts'
import { NotFoundError } from '../../../../modules/errors.ts'
import {
  AGE_BAND_LABELS,
  ETHNIC_GROUP_LABELS,
  INCIDENT_NATURE_LABELS,
  REVIEW_TYPE_LABELS,
  THEME_LABELS,
} from '../../../../modules/published-reviews/published-review.ts'
import { facetValueLabel, fileSize, isReviewId, publicAccess } from '../common.ts'

/**
 * `Content-Disposition` for a download: an ASCII fallback name and the UTF-8 name (RFC 6266 and
 * RFC 5987), so no header injection or odd characters reach the browser.
 */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^A-Za-z0-9._ -]/g, '_').slice(0, 150) || 'document'
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName.slice(0, 150))}`
}

/** A recommendation's public impact line, or null. */
function publicImpactText(impact: { status: string; dueDate: string | null } | undefined) {
  if (!impact) return null
  if (impact.status === 'impact_shown') return { text: 'Impact shown', classes: 'govuk-tag--green' }
  return { text: `Audit due${impact.dueDate ? ` ${formatLongDate(impact.dueDate)}` : ''}`, classes: 'govuk-tag--blue' }
}

/** `GET /repository/reviews/:id` (a review's page) and its documents. */
export function reviewRoutes(app: FastifyInstance, services: Services): void {
  app.get<{ Params: { id: string } }>('/repository/reviews/:id', { config: publicAccess }, async (request, reply) => {
    const { id } = request.params
    if (!isReviewId(id)) throw new NotFoundError('No published review has that id')
    const review = await services.publishedReviews.get(id)
    const recommendedBefore = await services.publishedReviews.recommendedBefore(id)
    // Only "impact shown" or "audit due" per recommendation: nothing else of the follow-up audits is public.
    const impact = await services.impact.publicImpact(id)
    const details = [
      ['Year', String(review.year)],
      ['Area', review.area],
      ['Region', review.region],
      ['Type of review', REVIEW_TYPE_LABELS[review.reviewType]],
      ['Nature of incident', review.natureOfIncident ? INCIDENT_NATURE_LABELS[review.natureOfIncident] : null],
      ['Age of the child', review.childAgeBand ? AGE_BAND_LABELS[review.childAgeBand] : null],
      ['Sex of the child', facetValueLabel('sex', review.sex)],
      ['Ethnic group', review.ethnicGroup ? ETHNIC_GROUP_LABELS[review.ethnicGroup] : null],
      ['Review model', review.reviewModel],
      ['Agencies involved', review.agencies.join(', ')],
    ]
      .filter(([, value]) => value)
      .map(([key, value]) => ({ key: { text: key }, value: { text: value } }))
    const documents = [...review.documents]
      .sort((a, b) => (a.format === 'html' ? 0 : 1) - (b.format === 'html' ? 0 : 1))
      .map((d) => ({ ...d, size: fileSize(d.byteSize) }))
    return reply.page('routes/repository/review/view.njk', {
      pageTitle: review.title,
      review,
      details,
      themes: review.themes.map((t) => ({ id: t, label: THEME_LABELS[t] })),
      recommendedBefore: recommendedBefore.map((item) => ({
        ...item,
        impact: publicImpactText(impact.get(item.recommendation.position)),
      })),
      documents,
    })
  })

  app.get<{ Params: { id: string; docId: string } }>(
    '/repository/reviews/:id/documents/:docId',
    { config: publicAccess },
    async (request, reply) => {
      const { id, docId } = request.params
      if (!isReviewId(id) || !isReviewId(docId)) throw new NotFoundError('No such document')
      const { document, content } = await services.publishedReviews.getDocument(id, docId)
      if (document.format === 'html' || !content) {
        const review = await services.publishedReviews.get(id)
        return reply.page('routes/repository/review/document.njk', {
          pageTitle: `${document.title} – ${review.title}`,
          review,
          document,
        })
      }
      const extension = document.format === 'pdf' ? '.pdf' : '.docx'
      const name = document.fileName?.toLowerCase().endsWith(extension)
        ? document.fileName
        : `${document.title}${extension}`
      return reply
        .header('Content-Type', document.contentType)
        .header('Content-Disposition', attachmentDisposition(name))
        .header('Content-Length', String(content.byteLength))
        .header('Cache-Control', 'public, max-age=300')
        .send(Buffer.from(content.buffer, content.byteOffset, content.byteLength))
    },
  )
}
