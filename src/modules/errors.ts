/** A form problem: which field, and the GOV.UK-style message ("Enter the date of the incident"). */
export interface FieldError {
  field: string
  message: string
}

/** Thrown by services for input a form should show back (GOV.UK error summary); never a 500. */
export class ValidationError extends Error {
  override name = 'ValidationError'
  readonly errors: FieldError[]
  constructor(errors: FieldError[]) {
    super(errors.map((e) => e.message).join('; '))
    this.errors = errors
  }
}

/** Thrown when something asked for does not exist, or exists outside the actor's scope (never revealed). */
export class NotFoundError extends Error {
  override name = 'NotFoundError'
}

/**
 * Thrown when a change was based on an older version: someone else saved first. Pages show it as a
 * 409 with the typed text kept, so nothing is lost; each slice's stale-edit error extends this.
 */
export class StaleEditError extends Error {
  override name = 'StaleEditError'
}
