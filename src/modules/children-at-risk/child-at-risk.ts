/**
 * Other children at risk: pure types and rules, no I/O (issue 15, part 1).
 *
 * A review exists "firstly to consider whether there may be other children at risk of harm, such as
 * siblings". From the notification on, the coordinator records each other child, what worries agencies
 * about them, the safety action, the agency and person responsible, the date it is due, and when (and by
 * whom) it was confirmed as done. The child's name is an identifier: it never leaves the case pages.
 */
import { calendarDaysBetween, type IsoDate } from '../clocks/plain-date.ts'
import type { FieldError } from '../errors.ts'

/** How the child is connected to the child (or children) of the review. */
export const RELATIONSHIPS = ['sibling', 'household', 'contact'] as const
export type Relationship = (typeof RELATIONSHIPS)[number]

/** Names of the relationships, as forms and tables show them. */
export const RELATIONSHIP_NAMES: Readonly<Record<Relationship, string>> = {
  sibling: 'Sibling',
  household: 'Child in the household',
  contact: 'Contact child (in contact with the adults involved)',
}

/** Short names, for labels ("Other child 2, sibling"). */
const RELATIONSHIP_SHORT: Readonly<Record<Relationship, string>> = {
  sibling: 'sibling',
  household: 'household child',
  contact: 'contact child',
}

export function isRelationship(value: string): value is Relationship {
  return (RELATIONSHIPS as readonly string[]).includes(value)
}

/** One other child at risk, as stored (the name is the real one: callers decide who sees it). */
export interface ChildAtRisk {
  readonly id: string
  readonly reviewId: string
  readonly partnershipId: string
  readonly number: number
  readonly name: string
  readonly age: string
  readonly relationship: Relationship
  readonly relationshipDetail: string
  readonly concern: string
  readonly safetyAction: string
  readonly agencyId: string
  readonly agencyName: string
  readonly responsiblePerson: string
  readonly dueDate: IsoDate
  readonly confirmation: Confirmation | null
  readonly version: number
}

/** That the safety action was done: when, who confirmed it, and a note. */
export interface Confirmation {
  readonly confirmedOn: IsoDate
  readonly confirmedBy: string
  readonly note: string
}

/** What the add and change forms hold (the due date already read from its date input; null: not given). */
export interface ChildAtRiskContent {
  readonly name: string
  readonly age: string
  readonly relationship: string
  readonly relationshipDetail: string
  readonly concern: string
  readonly safetyAction: string
  readonly agencyId: string
  readonly responsiblePerson: string
  readonly dueDate: IsoDate | null
}

/** What the confirm form holds (the date already read from its date input; null: not given). */
export interface ConfirmationInput {
  readonly confirmedOn: IsoDate | null
  readonly confirmedBy: string
  readonly note: string
}

/** Longest texts accepted. */
export const LIMITS = { name: 300, age: 100, detail: 300, text: 5000, person: 300 } as const

/**
 * The label shown instead of the name to people without the reveal permission, and on Home and in audit
 * details: "Other child 2 (sibling)". Never holds the name. Pure.
 */
export function childLabel(child: { number: number; relationship: Relationship }): string {
  return `Other child ${child.number} (${RELATIONSHIP_SHORT[child.relationship]})`
}

/** The state of a child's safety action on `today`: confirmed, overdue (by how many days) or due. Pure. */
export function actionState(
  child: { dueDate: IsoDate; confirmation: Confirmation | null },
  today: IsoDate,
): { status: 'confirmed' | 'overdue' | 'open'; daysOverdue: number } {
  if (child.confirmation) return { status: 'confirmed', daysOverdue: 0 }
  const days = Math.max(0, calendarDaysBetween(child.dueDate, today))
  return { status: days > 0 ? 'overdue' : 'open', daysOverdue: days }
}

/**
 * Checks an add or change form, every problem at once with GOV.UK messages; returns the trimmed content.
 * `agencyIds` are the partnership's agencies (another partnership's is refused). Pure.
 * @throws never; problems come back in `errors`.
 */
export function checkChild(
  input: ChildAtRiskContent,
  agencyIds: readonly string[],
): { errors: FieldError[]; content: ChildAtRiskContent & { relationship: Relationship; dueDate: IsoDate } } {
  const errors: FieldError[] = []
  const text = (value: string) => value.trim()
  const need = (field: string, value: string, max: number, missing: string, what: string) => {
    if (!value) errors.push({ field, message: missing })
    else if (value.length > max) errors.push({ field, message: `${what} must be ${max} characters or fewer` })
  }
  const content = {
    name: text(input.name),
    age: text(input.age),
    relationship: text(input.relationship),
    relationshipDetail: text(input.relationshipDetail),
    concern: text(input.concern),
    safetyAction: text(input.safetyAction),
    agencyId: text(input.agencyId),
    responsiblePerson: text(input.responsiblePerson),
    dueDate: input.dueDate,
  }
  need('name', content.name, LIMITS.name, 'Enter the child’s name', 'The child’s name')
  if (content.age.length > LIMITS.age)
    errors.push({ field: 'age', message: `The age must be ${LIMITS.age} characters or fewer` })
  if (!isRelationship(content.relationship))
    errors.push({ field: 'relationship', message: 'Select how the child is related' })
  if (content.relationshipDetail.length > LIMITS.detail)
    errors.push({ field: 'relationshipDetail', message: `The detail must be ${LIMITS.detail} characters or fewer` })
  need('concern', content.concern, LIMITS.text, 'Enter the concern about the child', 'The concern')
  need(
    'safetyAction',
    content.safetyAction,
    LIMITS.text,
    'Enter the action taken to keep the child safe',
    'The safety action',
  )
  if (!content.agencyId) errors.push({ field: 'agencyId', message: 'Select the agency responsible' })
  else if (!agencyIds.includes(content.agencyId))
    errors.push({ field: 'agencyId', message: 'Select an agency of this partnership' })
  need(
    'responsiblePerson',
    content.responsiblePerson,
    LIMITS.person,
    'Enter the person responsible for the action',
    'The person responsible',
  )
  if (!content.dueDate) errors.push({ field: 'dueDate-day', message: 'Enter the date the action is due' })
  return {
    errors,
    content: { ...content, relationship: content.relationship as Relationship, dueDate: content.dueDate ?? '' },
  }
}

/**
 * Checks a confirmation: a date on or before `today` (the date input already refused impossible dates),
 * who confirmed it, and an optional note. Pure; problems come back in `errors`.
 */
export function checkConfirmation(
  input: ConfirmationInput,
  today: IsoDate,
): { errors: FieldError[]; confirmation: Confirmation } {
  const errors: FieldError[] = []
  const confirmedBy = input.confirmedBy.trim()
  const note = input.note.trim()
  if (!input.confirmedOn) errors.push({ field: 'confirmedOn-day', message: 'Enter the date the action was confirmed' })
  else if (input.confirmedOn > today)
    errors.push({ field: 'confirmedOn-day', message: 'The date confirmed must be today or in the past' })
  if (!confirmedBy) errors.push({ field: 'confirmedBy', message: 'Enter who confirmed the action was taken' })
  else if (confirmedBy.length > LIMITS.person)
    errors.push({ field: 'confirmedBy', message: `Who confirmed must be ${LIMITS.person} characters or fewer` })
  if (note.length > LIMITS.text)
    errors.push({ field: 'note', message: `The note must be ${LIMITS.text} characters or fewer` })
  return { errors, confirmation: { confirmedOn: input.confirmedOn ?? '', confirmedBy, note } }
}

/**
 * `text` with every name of `children` (the full name, and each given name or surname alone) replaced by
 * the child's label, for people without the reveal permission: the concern and safety action are typed
 * by coordinators and often name the child. Case-insensitive, whole words only; longer names first so a
 * full name becomes one label. Only these children's names are masked. Pure; never throws.
 */
export function maskChildNames(
  text: string,
  children: ReadonlyArray<{ name: string; number: number; relationship: Relationship }>,
): string {
  const terms = children.flatMap((child) => {
    const label = childLabel(child)
    const parts = child.name.split(/\s+/).filter((p) => p.length >= 2)
    return [child.name.trim(), ...parts].filter(Boolean).map((term) => ({ term, label }))
  })
  terms.sort((a, b) => b.term.length - a.term.length)
  let masked = text
  for (const { term, label } of terms) {
    const escaped = term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    masked = masked.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'giu'), label)
  }
  return masked
}
