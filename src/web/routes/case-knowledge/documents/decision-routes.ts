import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Services } from '../../../../composition.ts'
import type { AnonymisationDecision } from '../../../../modules/case-knowledge/anonymisation-decisions.ts'
import { StaleDocumentError } from '../../../../modules/case-knowledge/case-knowledge.service.ts'
import { choosableWords, layoutDocument } from '../../../../modules/case-knowledge/document-reading.ts'
import { NotFoundError, ValidationError, type FieldError } from '../../../../modules/errors.ts'
import { explanationOf, kindOf, renderParagraph, statusOf } from './reading.ts'
import { errorSummary } from '../../../form.ts'

const access = { routeAccess: { access: 'authenticated', permission: 'review.revealOriginal' } } as const
type ReplacementParams = { Params: { id: string; docId: string; replacementNo: string } }
type DocParams = { Params: { id: string; docId: string } }
type Body = Record<string, string | undefined>
const STALE =
  'Someone else changed this document after you opened it. Nothing was saved: check it again and choose again'

/**
 * Decisions made by choosing, not retyping:
 * - `/reviews/:id/documents/:docId/replacements/:replacementNo`: one replacement in its paragraph,
 *   with its explanation; keep it, publish other words, or leave the original words;
 * - `/reviews/:id/documents/:docId/mask?paragraph=N`: a paragraph's words as first and last word
 *   pickers (text selection fills them where JavaScript runs) to mask words the engine missed.
 * The words a decision is about are taken from the document on the server, never from the form,
 * so the original words never have to be in a page. Decisions go through `changeDocument`.
 */
export function decisionRoutes(app: FastifyInstance, services: Services): void {
  const load = async (request: FastifyRequest<DocParams>, reveal: boolean) => {
    const review = await services.reviews.readableReview(request.actor!, request.params.id)
    const view = await services.caseKnowledge.documentView(request.actor!, review.id, request.params.docId, { reveal })
    const sections = layoutDocument(view.document.body, view.result)
    return { review, ...view, sections, base: `/reviews/${review.id}/documents/${view.document.id}` }
  }
  const backTo = (base: string, section: number, anchor: string) => `${base}?section=${section}#${anchor}`

  const showReplacement = async (
    request: FastifyRequest<ReplacementParams>,
    reply: FastifyReply,
    options: { status?: number; errors?: FieldError[]; values?: Body } = {},
  ) => {
    const reveal = (request.query as Body | undefined)?.reveal === 'yes'
    const { review, document, result, sections, base } = await load(request, reveal)
    const k = Number.parseInt(request.params.replacementNo, 10) - 1
    const r = result.replacements[k]
    if (!r) throw new NotFoundError('Replacement not found')
    const paragraph = sections.flatMap((s) => s.paragraphs).find((p) => p.replacements.includes(k))!
    const values = options.values ?? {}
    return reply.code(options.status ?? 200).page('routes/case-knowledge/documents/replacement.njk', {
      pageTitle: `Replacement ${k + 1} – ${document.title}`,
      review,
      document,
      n: k + 1,
      replacement: {
        replacement: r.replacement,
        kind: kindOf(r),
        explanation: explanationOf(r),
        status: statusOf(r),
        original: reveal ? r.original : undefined,
        recognizer: r.recognizer,
        score: r.score.toFixed(2),
        why: r.explanation,
      },
      paragraph: {
        number: paragraph.number,
        html: renderParagraph(document.body, paragraph, result, { firstInSection: false, highlight: k, quote: true }),
      },
      reveal,
      revealHref: `${base}/replacements/${k + 1}?reveal=yes`,
      backHref: backTo(base, paragraph.section, `m-${k + 1}`),
      action: `${base}/replacements/${k + 1}`,
      errors: errorSummary(options.errors),
      values: { choice: values.choice ?? '', replacement: values.replacement ?? '' },
    })
  }

  app.get<ReplacementParams>('/reviews/:id/documents/:docId/replacements/:replacementNo', { config: access }, (q, r) =>
    showReplacement(q, r),
  )

  app.post<ReplacementParams>(
    '/reviews/:id/documents/:docId/replacements/:replacementNo',
    { config: access },
    async (request, reply) => {
      const body = (request.body ?? {}) as Body
      const { document, result, sections, base } = await load(request, false)
      const k = Number.parseInt(request.params.replacementNo, 10) - 1
      const r = result.replacements[k]
      if (!r) throw new NotFoundError('Replacement not found')
      const choice = body.choice ?? ''
      const replacement = (body.replacement ?? '').slice(0, 300)
      let decision: AnonymisationDecision
      if (choice === 'keep') decision = { kind: 'accept', original: r.original }
      // leaving the words as written is about the words the recogniser found ("Chloe", not "mother, Chloe,")
      else if (choice === 'original') decision = { kind: 'reject', original: r.detected ?? r.original }
      else if (choice === 'change') decision = { kind: 'replace', original: r.original, replacement }
      else
        return showReplacement(request, reply, {
          status: 400,
          errors: [{ field: 'choice', message: 'Select what to do with this replacement' }],
          values: body,
        })
      if (Number(body.version) !== document.version)
        return showReplacement(request, reply, {
          status: 409,
          errors: [{ field: 'choice', message: STALE }],
          values: body,
        })
      try {
        await services.caseKnowledge.changeDocument(request.actor!, request.params.id, document.id, document.version, {
          addDecision: decision,
        })
      } catch (error) {
        if (error instanceof ValidationError)
          return showReplacement(request, reply, { status: 400, errors: error.errors, values: body })
        if (error instanceof StaleDocumentError)
          return showReplacement(request, reply, {
            status: 409,
            errors: [{ field: 'choice', message: STALE }],
            values: body,
          })
        throw error
      }
      const paragraph = sections.flatMap((s) => s.paragraphs).find((p) => p.replacements.includes(k))!
      return reply.redirect(backTo(base, paragraph.section, `para-${paragraph.number}`), 303)
    },
  )

  const showMask = async (
    request: FastifyRequest<DocParams>,
    reply: FastifyReply,
    options: { status?: number; errors?: FieldError[]; values?: Body } = {},
  ) => {
    const query = (request.query ?? {}) as Body
    const values = { ...(options.values ?? query) }
    const { review, document, result, sections, base } = await load(request, false)
    const paragraphs = sections.flatMap((s) => s.paragraphs)
    const paragraph =
      paragraphs.find((p) => p.number === Number(values.paragraph)) ?? paragraphs.find((p) => !p.heading)
    if (!paragraph) throw new NotFoundError('Paragraph not found')
    const words = choosableWords(document.body, paragraph, result)
    // words selected in the document page's text (with JavaScript) arrive as `phrase`: preselect them
    const found = values.from === undefined && values.phrase ? findPhrase(words, values.phrase) : null
    if (found) Object.assign(values, { from: String(found[0]), to: String(found[1]) })
    const items = (selected: string | undefined, fallback: number) =>
      words.map((w) => ({
        value: String(w.index),
        text: `${w.index + 1}. ${w.text}`,
        selected: selected === undefined || selected === '' ? w.index === fallback : String(w.index) === selected,
      }))
    return reply.code(options.status ?? 200).page('routes/case-knowledge/documents/mask.njk', {
      pageTitle: `Mask missed words in paragraph ${paragraph.number} – ${document.title}`,
      review,
      document,
      paragraph: {
        number: paragraph.number,
        html: renderParagraph(document.body, paragraph, result, { firstInSection: false, quote: true }),
      },
      words: words.map((w) => ({ index: w.index, text: w.text })),
      fromItems: items(values.from, 0),
      toItems: items(values.to, 0),
      action: `${base}/mask`,
      backHref: backTo(base, paragraph.section, `para-${paragraph.number}`),
      errors: errorSummary(options.errors),
      values: { replacement: values.replacement ?? '[redacted]' },
    })
  }

  app.get<DocParams>('/reviews/:id/documents/:docId/mask', { config: access }, (q, r) => showMask(q, r))

  app.post<DocParams>('/reviews/:id/documents/:docId/mask', { config: access }, async (request, reply) => {
    const body = (request.body ?? {}) as Body
    const { document, result, sections, base } = await load(request, false)
    const paragraph = sections.flatMap((s) => s.paragraphs).find((p) => p.number === Number(body.paragraph))
    if (!paragraph)
      return showMask(request, reply, {
        status: 400,
        errors: [{ field: 'from', message: 'Choose a paragraph from the document' }],
        values: { ...body, paragraph: undefined },
      })
    const words = choosableWords(document.body, paragraph, result)
    const from = words[Number.parseInt(body.from ?? '', 10)]
    const to = words[Number.parseInt(body.to ?? '', 10)]
    const errors: FieldError[] = []
    if (!from) errors.push({ field: 'from', message: 'Select the first word to mask' })
    if (!to) errors.push({ field: 'to', message: 'Select the last word to mask' })
    if (from && to && to.index < from.index)
      errors.push({ field: 'to', message: 'The last word must be the first word or come after it' })
    // the words between must not run over a replacement the engine made already
    const original = from && to ? document.body.slice(from.start, to.end) : ''
    if (
      !errors.length &&
      paragraph.replacements.some(
        (k) => result.replacements[k].start < to!.end && from!.start < result.replacements[k].end,
      )
    )
      errors.push({
        field: 'to',
        message: 'Choose words between replacements: these run over a replacement already made',
      })
    if (!(body.replacement ?? '').trim())
      errors.push({ field: 'replacement', message: 'Enter what to publish instead' })
    if (errors.length) return showMask(request, reply, { status: 400, errors, values: body })
    if (Number(body.version) !== document.version)
      return showMask(request, reply, { status: 409, errors: [{ field: 'from', message: STALE }], values: body })
    try {
      await services.caseKnowledge.changeDocument(request.actor!, request.params.id, document.id, document.version, {
        addDecision: { kind: 'add', original, replacement: (body.replacement ?? '').slice(0, 300) },
      })
    } catch (error) {
      if (error instanceof ValidationError)
        return showMask(request, reply, { status: 400, errors: error.errors, values: body })
      if (error instanceof StaleDocumentError)
        return showMask(request, reply, { status: 409, errors: [{ field: 'from', message: STALE }], values: body })
      throw error
    }
    return reply.redirect(backTo(base, paragraph.section, `para-${paragraph.number}`), 303)
  })
}

/** The first run of choosable words that spells `phrase` (its words, punctuation ignored): [from, to]. */
function findPhrase(words: ReadonlyArray<{ index: number; text: string }>, phrase: string): [number, number] | null {
  const wanted = phrase.slice(0, 300).match(/[\p{L}\p{N}](?:[\p{L}\p{N}'’-]*[\p{L}\p{N}])?/gu) ?? []
  if (!wanted.length) return null
  for (let i = 0; i + wanted.length <= words.length; i++)
    if (wanted.every((w, j) => words[i + j].text === w)) return [words[i].index, words[i + wanted.length - 1].index]
  return null
}
