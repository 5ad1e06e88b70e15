import { dictionary } from '@zxcvbn-ts/language-common'

/** Minimum length, following NCSC password guidance (length over complexity). */
export const MINIMUM_PASSWORD_LENGTH = 12
/** Upper bound so that hashing cannot be used to exhaust the server. */
export const MAXIMUM_PASSWORD_LENGTH = 256

// The zxcvbn-ts list of about 49,000 commonly used passwords, maintained upstream.
const COMMON_PASSWORDS: ReadonlySet<string> = new Set(dictionary['passwords-common'] as string[])

/**
 * Check a new password against current NCSC guidance: at least 12 characters, no composition
 * rules, and refused when it is a commonly used password (also when it is a common password
 * with digits or symbols added at the end, such as "password123456"), the user's email address,
 * or one character repeated.
 *
 * Contract: returns the GOV.UK-style error message to show, or null when the password is
 * acceptable. Never throws.
 */
export function passwordProblem(password: string, email?: string): string | null {
  if (password.length === 0) return 'Enter a password'
  if (password.length < MINIMUM_PASSWORD_LENGTH) {
    return `Password must be ${MINIMUM_PASSWORD_LENGTH} characters or more`
  }
  if (password.length > MAXIMUM_PASSWORD_LENGTH) {
    return `Password must be ${MAXIMUM_PASSWORD_LENGTH} characters or fewer`
  }
  const lower = password.toLowerCase()
  const base = lower.replace(/[\d\W_]+$/u, '')
  if (COMMON_PASSWORDS.has(lower) || (base.length > 0 && COMMON_PASSWORDS.has(base))) {
    return 'Password is too common; choose a different password, for example three random words'
  }
  if (/^(.)\1*$/u.test(password)) return 'Password must not be one character repeated'
  if (email && lower.includes(email.trim().toLowerCase())) return 'Password must not contain your email address'
  return null
}
