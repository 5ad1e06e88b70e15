import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Services } from '../../../../composition.ts'
import type { Permission } from '../../../../modules/access/permissions.ts'
import { ValidationError, type FieldError } from '../../../../modules/errors.ts'
import {
  PUBLICATION_LIMITS,
  StalePublicationError,
  type PublicationView,
} from '../../../../modules/publication/publication.service.ts'
import {
  EMBARGO_OUTCOME_LABELS,
  EMBARGO_OUTCOMES,
  parseKeywords,
  STEP_INFO,
  type EmbargoOutcome,
  withdrawalProblems,
  type PublicationStep,
} from '../../../../modules/publication/publication.ts'
import {
  AGE_BAND_LABELS,
  ETHNIC_GROUP_LABELS,
  INCIDENT_NATURE_LABELS,
  REVIEW_TYPE_LABELS,
  THEME_LABELS,
  THEMES,
} from '../../../../modules/published-reviews/published-review.ts'
import { formatLongDate } from '../../../../modules/clocks/plain-date.ts'
import { readDateInput } from '../../../date-input.ts'
import { errorSummary } from '../../../form.ts'

const VIEW = 'routes/publication/page/view.njk'
type Params = { Params: { id: string }; Querystring: { saved?: string } }
type Body = Record<string, unknown>

const access = (permission: Permission) => ({ routeAccess: { access: 'authenticated', permission } }) as const

/** A form field as a string, cut to `max` characters (never trimmed: typed text is shown back as typed). */
const field = (body: Body, name: string, max = 20_000) => {
  const value = body[name]
  return typeof value === 'string' ? value.slice(0, max) : ''
}
/** A form field that may repeat (checkboxes), as strings. */
const list = (body: Body, name: string) => {
  const value = body[name]
  return (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter(
    (v): v is string => typeof v === 'string',
  )
}

const SAVED: Record<string, string> = {
  step: 'Step recorded.',
  signed: 'Your sign-off is recorded.',
  details: 'Publication details saved.',
  published: 'The review is published in the national repository.',
  decision: 'Decision recorded.',
  withdrawn: 'The review is withdrawn from the national repository.',
}

/** The date field's label in messages, for the steps that ask when they happened. */
const DATE_LABELS: Partial<Record<PublicationStep, string>> = {
  family_informed: 'The date the family was told',
  sent_to_panel: 'The date the report was sent',
  embargo_cleared: 'The date the embargo was lifted',
}

const SEX_LABELS: Record<string, string> = { female: 'Female', male: 'Male', not_stated: 'Not stated' }

/** The steps recorded here, by URL: every step but publishing, which has its own route. */
const RECORDED_STEPS = (Object.keys(STEP_INFO) as PublicationStep[]).filter(
  (s): s is Exclude<PublicationStep, 'published'> => s !== 'published',
)

/**
 * `/reviews/:id/publication`: the sign-off and publication steps in order, each recorded with who
 * and when; the publication details (summary, themes, keywords, publishing as Anonymous); the
 * decision not to publish and its reversal; publishing to the national repository.
 * Every form posts, then redirects back here (post/redirect/get); a refused form is shown again
 * with its error summary and what was typed.
 */
export function publicationPageRoutes(app: FastifyInstance, services: Services): void {
  const publication = services.publication

  const show = async (
    request: FastifyRequest<Params>,
    reply: FastifyReply,
    options: { status?: number; errors?: FieldError[]; values?: Body } = {},
  ) => {
    const view = await publication.view(request.actor!, request.params.id)
    const values = options.values ?? {}
    return reply.code(options.status ?? 200).page(VIEW, {
      pageTitle: `Sign-off and publication – ${view.review.reference}`,
      ...present(view, values, options.values !== undefined, request.actor!.displayName),
      saved: SAVED[request.query?.saved ?? ''] ?? null,
      errors: errorSummary(options.errors),
      values,
    })
  }

  /** Run a change; show the page again for a refusal, else redirect back with a banner. */
  const handle = async (
    request: FastifyRequest<Params>,
    reply: FastifyReply,
    saved: keyof typeof SAVED,
    change: (body: Body, version: number) => Promise<unknown>,
  ) => {
    const body = (request.body ?? {}) as Body
    try {
      await change(body, Number(body.version))
    } catch (error) {
      if (error instanceof ValidationError) {
        return show(request, reply, { status: 400, errors: error.errors, values: body })
      }
      if (error instanceof StalePublicationError) {
        return show(request, reply, {
          status: 409,
          errors: [
            {
              field: 'history',
              message:
                'Someone else recorded something here after you opened this page. Check the page and try again: what you typed is shown below',
            },
          ],
          values: body,
        })
      }
      throw error
    }
    return reply.redirect(`/reviews/${request.params.id}/publication?saved=${saved}`, 303)
  }

  app.get<Params>('/reviews/:id/publication', { config: access('review.read') }, async (request, reply) =>
    show(request, reply),
  )

  for (const step of RECORDED_STEPS) {
    app.post<Params>(
      `/reviews/:id/publication/${STEP_INFO[step].path}`,
      { config: access(STEP_INFO[step].permission) },
      async (request, reply) =>
        handle(request, reply, step === 'signed_off' ? 'signed' : 'step', async (body, version) => {
          const date = readDateInput(body, 'happenedOn', DATE_LABELS[step] ?? 'The date')
          // The embargo's form reports a bad date with its other fields (the service checks them together).
          if (date.error && step !== 'embargo_cleared') {
            throw new ValidationError([{ field: 'happenedOn-day', message: date.error }])
          }
          await publication.recordStep(request.actor!, request.params.id, version, step, {
            note: field(body, 'note', PUBLICATION_LIMITS.note + 1),
            happenedOn: date.value,
            happenedOnError: date.error,
            how: field(body, 'how', PUBLICATION_LIMITS.how + 1),
            acceptEmptySections: field(body, 'acceptEmptySections') === 'yes',
            outcome: (field(body, 'outcome', 50) || null) as EmbargoOutcome | null,
            outcomeDetail: field(body, 'outcomeDetail', PUBLICATION_LIMITS.how + 1),
            signerRole: field(body, 'signerRole', PUBLICATION_LIMITS.signerRole + 1),
          })
        }),
    )
  }

  app.post<Params>(
    '/reviews/:id/publication/publish',
    { config: access(STEP_INFO.published.permission) },
    async (request, reply) =>
      handle(request, reply, 'published', (body, version) =>
        publication.publish(
          request.actor!,
          request.params.id,
          version,
          field(body, 'note', PUBLICATION_LIMITS.note + 1),
        ),
      ),
  )

  app.post<Params>('/reviews/:id/publication/details', { config: access('review.manage') }, async (request, reply) =>
    handle(request, reply, 'details', (body, version) =>
      publication.saveDetails(request.actor!, request.params.id, version, {
        summary: field(body, 'summary', PUBLICATION_LIMITS.summary + 1),
        themes: list(body, 'themes'),
        keywords: parseKeywords(field(body, 'keywords')),
        publishAsAnonymous: field(body, 'publishAs') === 'anonymous',
      }),
    ),
  )

  app.post<Params>(
    '/reviews/:id/publication/not-publishing',
    { config: access('review.approvePublication') },
    async (request, reply) =>
      handle(request, reply, 'decision', (body, version) =>
        publication.decideNotToPublish(
          request.actor!,
          request.params.id,
          version,
          field(body, 'reason', PUBLICATION_LIMITS.note + 1),
        ),
      ),
  )

  app.post<Params>(
    '/reviews/:id/publication/not-publishing/reverse',
    { config: access('review.approvePublication') },
    async (request, reply) =>
      handle(request, reply, 'decision', (body, version) =>
        publication.reverseDecisionNotToPublish(
          request.actor!,
          request.params.id,
          version,
          field(body, 'reason', PUBLICATION_LIMITS.note + 1),
        ),
      ),
  )

  app.post<Params>('/reviews/:id/publication/withdraw', { config: access('review.manage') }, async (request, reply) =>
    handle(request, reply, 'withdrawn', (body, version) =>
      publication.withdraw(
        request.actor!,
        request.params.id,
        version,
        field(body, 'reason', PUBLICATION_LIMITS.note + 1),
      ),
    ),
  )
}

/** What the template shows, worked out here so the template only lays it out. */
function present(view: PublicationView, values: Body, submitted: boolean, actorName: string) {
  const next = view.steps.find((s) => s.isNext) ?? null
  const input = view.entry.input
  const chosenThemes = submitted ? list(values, 'themes') : view.record.themes
  const actorPartner = view.partners.states.find((p) => p.partner === view.partners.actorPartner) ?? null
  return {
    review: view.review,
    view,
    actorName,
    actorPartnerName: actorPartner?.name ?? '',
    actorSigned: actorPartner?.signOff !== null && actorPartner !== null,
    partnerRows: view.partners.states.map((p) => ({
      key: { text: p.name },
      value: {
        text: p.signOff
          ? `Signed by ${p.signOff.signedByName} (${p.signOff.signedByRole}) on ${formatLongDate(p.signOff.signedOn)}${p.signOff.note ? `. Note: ${p.signOff.note}` : ''}`
          : 'Waiting',
      },
    })),
    next: next ? { ...next, form: next.step === 'published' ? 'publish' : next.path } : null,
    steps: view.steps.map((s) => ({
      ...s,
      status: s.record
        ? { text: 'Done', classes: 'govuk-tag--green' }
        : s.isNext
          ? { text: 'Next', classes: 'govuk-tag--blue' }
          : view.progress.stoppedBy && view.progress.next === s.step
            ? { text: 'Stopped', classes: 'govuk-tag--red' }
            : { text: 'Not yet', classes: 'govuk-tag--grey' },
    })),
    history: view.history.map((h) => ({
      ...h,
      what:
        h.step === 'not_publishing'
          ? 'Decision not to publish'
          : h.step === 'not_publishing_reversed'
            ? 'Decision not to publish reversed'
            : h.step === 'withdrawn'
              ? 'Withdrawn from the national repository'
              : h.step === 'embargo_cleared' && h.outcome
                ? 'Embargo lifted'
                : STEP_INFO[h.step].name,
      outcomeText: h.outcome
        ? h.outcome === 'other'
          ? `Other: ${h.outcomeDetail ?? ''}`
          : EMBARGO_OUTCOME_LABELS[h.outcome]
        : null,
    })),
    embargo: embargoOf(view, values),
    withdrawal: withdrawalOf(view),
    publishedUrl:
      view.progress.done.published && !view.progress.withdrawn && view.record.publishedReviewId
        ? `/repository/reviews/${view.record.publishedReviewId}`
        : null,
    details: {
      summary: submitted ? field(values, 'summary') : view.record.summary,
      keywords: submitted ? field(values, 'keywords') : view.record.keywords.join(', '),
      anonymous: submitted ? field(values, 'publishAs') === 'anonymous' : view.record.publishAsAnonymous,
      findingThemes: view.entry.findingThemes.map((t) => THEME_LABELS[t]),
      themeItems: THEMES.filter((t) => !view.entry.findingThemes.includes(t)).map((t) => ({
        value: t,
        text: THEME_LABELS[t],
        checked: chosenThemes.includes(t),
      })),
    },
    entry: input
      ? {
          rows: [
            ['Title', `${input.year} – ${input.area ?? 'Anonymous'} – ${input.pseudonym}`],
            ['Review type', REVIEW_TYPE_LABELS[input.reviewType]],
            ['Review model', input.reviewModel ?? 'Not recorded'],
            [
              'Nature of incident',
              input.natureOfIncident ? INCIDENT_NATURE_LABELS[input.natureOfIncident] : 'Not recorded',
            ],
            ['Child’s age band', input.childAgeBand ? AGE_BAND_LABELS[input.childAgeBand] : 'Not known'],
            ['Sex', input.sex ? SEX_LABELS[input.sex] : 'Not stated'],
            ['Broad ethnic group', input.ethnicGroup ? ETHNIC_GROUP_LABELS[input.ethnicGroup] : 'Not stated'],
            ['Learning themes', (input.themes ?? []).map((t) => THEME_LABELS[t]).join(', ') || 'None'],
            ['Agencies involved', (input.agencies ?? []).join(', ') || 'None recorded'],
            ['Keywords', (input.keywords ?? []).join(', ') || 'None'],
          ].map(([key, value]) => ({ key: { text: key }, value: { text: value } })),
          summary: input.summary,
        }
      : null,
  }
}

/** The embargo as the page shows it: in force, lifted (with its record), or never set; and the form's choices. */
function embargoOf(view: PublicationView, values: Body) {
  const lifted = view.progress.done.embargo_cleared?.outcome ? view.progress.done.embargo_cleared : null
  return {
    lifted: lifted
      ? {
          ...lifted,
          outcomeText:
            lifted.outcome === 'other'
              ? `Other: ${lifted.outcomeDetail ?? ''}`
              : EMBARGO_OUTCOME_LABELS[lifted.outcome!],
        }
      : null,
    outcomeItems: EMBARGO_OUTCOMES.map((value) => ({
      value,
      text: EMBARGO_OUTCOME_LABELS[value],
      checked: field(values, 'outcome') === value,
    })),
  }
}

/** Whether the coordinator may withdraw the entry now, or from when. */
function withdrawalOf(view: PublicationView) {
  if (!view.progress.done.published || view.progress.withdrawn || !view.may.manage) return null
  const problems = withdrawalProblems(view.progress, view.record.keepUntil, new Date(`${view.today}T23:59:59Z`))
  return { allowed: problems.length === 0, problems }
}
