/**
 * The one way a form page reads its body and shows its problems.
 *
 * Each page folder has a `schema.ts` whose zod schema turns the submitted body into typed values
 * (GOV.UK messages, "Enter your email address"). What the schema cannot know (the service's rules,
 * a version someone else saved first) comes back as a thrown error. {@link formFailure} turns every
 * kind into the same thing: a status and the field errors, every field's problem at once, which the
 * page shows in the GOV.UK error summary and beside each field ({@link errorSummary}), with what the
 * user typed kept.
 */
import { z } from 'zod'
import { StaleEditError, ValidationError, type FieldError } from '../modules/errors.ts'

/** A text field of a form: a string trimmed and cut to `max` characters; anything else (absent, repeated) is ''. */
export function formText(max = 20_000, options: { trim?: boolean } = {}) {
  return z.preprocess((value) => {
    if (typeof value !== 'string') return ''
    return (options.trim === false ? value : value.trim()).slice(0, max)
  }, z.string())
}

/** A field that may repeat (checkboxes, several selects of one name), as its string values. */
export function formList() {
  return z.preprocess(
    (value) =>
      (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter(
        (v): v is string => typeof v === 'string',
      ),
    z.array(z.string()),
  )
}

/** One error per field, in the order the problems were found: the first problem of each field. */
export function zodFieldErrors(error: z.ZodError): FieldError[] {
  const errors: FieldError[] = []
  for (const issue of error.issues) {
    const field = issue.path.length ? issue.path.map(String).join('-') : 'form'
    if (!errors.some((e) => e.field === field)) errors.push({ field, message: issue.message })
  }
  return errors
}

/**
 * Validate a submitted form with its page's zod schema. Returns the typed data, or every field's
 * problem at once (the first problem of each field, as the GOV.UK error summary expects).
 */
export function parseForm<S extends z.ZodType>(
  schema: S,
  body: unknown,
): { ok: true; data: z.infer<S> } | { ok: false; errors: FieldError[] } {
  const result = schema.safeParse(body ?? {})
  if (result.success) return { ok: true, data: result.data }
  return { ok: false, errors: zodFieldErrors(result.error) }
}

/** What a refused submission shows: 400 for a problem with the input, 409 for an edit someone else overtook. */
export interface FormFailure {
  status: 400 | 409
  errors: FieldError[]
}

/** How a page explains a stale edit: which field the summary links to, and the message. */
export interface StaleEditMessage<E extends StaleEditError = StaleEditError> {
  field: string
  message: string | ((error: E) => string)
}

/**
 * The one error mapper: a service's ValidationError, a zod error or a stale edit (StaleEditError)
 * becomes the status and field errors the page re-renders with. Returns null for any other error,
 * which the caller rethrows (403, 404 and 500 pages stay with the error handler). A stale edit
 * without a page message gets a general one. Never throws.
 */
export function formFailure<E extends StaleEditError = StaleEditError>(
  error: unknown,
  staleEdit?: StaleEditMessage<E>,
): FormFailure | null {
  if (error instanceof ValidationError) return { status: 400, errors: error.errors }
  if (error instanceof z.ZodError) return { status: 400, errors: zodFieldErrors(error) }
  if (error instanceof StaleEditError) {
    const message = staleEdit
      ? typeof staleEdit.message === 'string'
        ? staleEdit.message
        : staleEdit.message(error as E)
      : 'Someone else saved a change after you opened this page. Your change has not been saved: check and save again'
    return { status: 409, errors: [{ field: staleEdit?.field ?? 'form', message }] }
  }
  return null
}

/** One item of the GOV.UK error summary, linking to its field (the `errorFor` filter finds a field's message). */
export interface ErrorSummaryItem {
  field: string
  text: string
  href: string
}

/** The GOV.UK error summary list for field errors (links to the fields); undefined when there are none. */
export function errorSummary(errors: readonly FieldError[] | undefined): ErrorSummaryItem[] | undefined {
  return errors?.length ? errorList(errors) : undefined
}

/** The GOV.UK error summary list for field errors, always a list (pages that add their own items). */
export function errorList(errors: readonly FieldError[]): ErrorSummaryItem[] {
  return errors.map((e) => ({ field: e.field, text: e.message, href: `#${e.field}` }))
}
