import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import {
  RELATIONSHIP_NAMES,
  type ChildAtRiskService,
  type ChildView,
} from '../../../../modules/children-at-risk/child-at-risk.service.ts'
import { RELATIONSHIPS } from '../../../../modules/children-at-risk/child-at-risk.ts'
import { StaleEditError, type FieldError } from '../../../../modules/errors.ts'
import { dateInputValues, readDateInput } from '../../../date-input.ts'
import { errorSummary, formFailure, parseForm } from '../../../form.ts'
import { childAccess, version, withDateMessage } from '../common.ts'
import { childSchema, type ChildForm } from './schema.ts'

const VIEW = 'routes/children-at-risk/child/view.njk'

const STALE_MESSAGE =
  'Someone else changed this child’s record while you were editing it. Your changes are shown below and have not been saved: check them and save again'

type ChildRequest = FastifyRequest<{ Params: { id: string; childAtRiskId?: string } }>

interface ShowOptions {
  status?: number
  errors?: FieldError[]
  values?: Partial<ChildForm>
}

/**
 * `GET/POST /reviews/:id/children-at-risk/new` and `/reviews/:id/children-at-risk/:childAtRiskId`: coordinators
 * record another child at risk, or change the record, with the date the safety action is due.
 */
export function childFormRoutes(app: FastifyInstance, children: ChildAtRiskService): void {
  const show = async (request: ChildRequest, reply: FastifyReply, options: ShowOptions = {}) => {
    const { id, childAtRiskId } = request.params
    const actor = request.actor!
    let child: ChildView | null = null
    let loaded
    if (childAtRiskId) {
      loaded = await children.forChange(actor, id, childAtRiskId)
      child = loaded.child
    } else loaded = await children.forNew(actor, id)
    const { review, agencies } = loaded
    const values: Partial<ChildForm> = options.values ?? (child ? storedValues(child) : {})
    return reply.code(options.status ?? 200).page(VIEW, {
      pageTitle: `${child ? `Change the record of ${child.label.toLowerCase()}` : 'Record another child at risk'} – ${review.reference}`,
      heading: child
        ? `Change the record of ${child.label.replace(/^Other/, 'other')}`
        : 'Record another child at risk',
      action: child ? `/reviews/${id}/children-at-risk/${child.id}` : `/reviews/${id}/children-at-risk/new`,
      review,
      // Without the reveal permission there is no name field: the stored name is kept.
      nameField: !child || child.nameShown,
      errors: errorSummary(options.errors),
      values,
      relationshipItems: RELATIONSHIPS.map((r) => ({
        value: r,
        text: RELATIONSHIP_NAMES[r],
        checked: values.relationship === r,
      })),
      agencyItems: [
        { value: '', text: 'Choose an agency' },
        ...agencies.map((a) => ({ value: a.id, text: a.name, selected: values.agencyId === a.id })),
      ],
      button: child ? 'Save changes' : 'Record child',
    })
  }

  const save = async (request: ChildRequest, reply: FastifyReply) => {
    const { id, childAtRiskId } = request.params
    const body = (request.body ?? {}) as Record<string, unknown>
    const form = parseForm(childSchema, body)
    if (!form.ok) return show(request, reply, { status: 400, errors: form.errors })
    const values = form.data
    const due = readDateInput(body, 'dueDate', 'The date the action is due', { required: true })
    const input = {
      name: values.name,
      age: values.age,
      relationship: values.relationship,
      relationshipDetail: values.relationshipDetail,
      concern: values.concern,
      safetyAction: values.safetyAction,
      agencyId: values.agencyId,
      responsiblePerson: values.responsiblePerson,
      dueDate: due.value,
    }
    try {
      if (childAtRiskId) await children.update(request.actor!, id, childAtRiskId, version(body), input)
      else await children.add(request.actor!, id, input)
    } catch (error) {
      if (error instanceof StaleEditError && childAtRiskId) {
        const { child } = await children.forChange(request.actor!, id, childAtRiskId)
        return show(request, reply, {
          status: 409,
          errors: [{ field: child.nameShown ? 'name' : 'age', message: STALE_MESSAGE }],
          values: { ...values, version: String(child.version) },
        })
      }
      const failure = formFailure(error)
      if (!failure) throw error
      return show(request, reply, { ...failure, errors: withDateMessage(failure.errors, due, 'dueDate-day'), values })
    }
    return reply.redirect(`/reviews/${id}/children-at-risk?saved=${childAtRiskId ? 'changed' : 'added'}`, 303)
  }

  app.get<{ Params: { id: string } }>(
    '/reviews/:id/children-at-risk/new',
    { config: childAccess('childAtRisk.manage') },
    (request, reply) => show(request, reply),
  )
  app.post<{ Params: { id: string } }>(
    '/reviews/:id/children-at-risk/new',
    { config: childAccess('childAtRisk.manage') },
    (request, reply) => save(request, reply),
  )
  app.get<{ Params: { id: string; childAtRiskId: string } }>(
    '/reviews/:id/children-at-risk/:childAtRiskId',
    { config: childAccess('childAtRisk.manage') },
    (request, reply) => show(request, reply),
  )
  app.post<{ Params: { id: string; childAtRiskId: string } }>(
    '/reviews/:id/children-at-risk/:childAtRiskId',
    { config: childAccess('childAtRisk.manage') },
    (request, reply) => save(request, reply),
  )
}

/** The form's values for a stored child (no name when the actor may not see it). */
function storedValues(child: ChildView): Partial<ChildForm> {
  return {
    name: child.nameShown ? child.name : '',
    age: child.age,
    relationship: child.relationship,
    relationshipDetail: child.relationshipDetail,
    concern: child.concern,
    safetyAction: child.safetyAction,
    agencyId: child.agencyId,
    responsiblePerson: child.responsiblePerson,
    ...dateInputValues('dueDate', child.dueDate),
    version: String(child.version),
  }
}
