import assert from 'node:assert/strict'
import { test } from 'node:test'
import { passwordProblem } from './password-policy.ts'

test('password policy follows NCSC guidance: length, common passwords, no composition rules', () => {
  const cases: Array<[string, string | null, string?]> = [
    ['', 'Enter a password'],
    ['short pass', 'Password must be 12 characters or more'],
    ['elevenchars', 'Password must be 12 characters or more'],
    ['password1234', 'Password is too common; choose a different password, for example three random words'],
    ['PASSWORD1234', 'Password is too common; choose a different password, for example three random words'],
    ['qwertyuiop123!', 'Password is too common; choose a different password, for example three random words'],
    ['aaaaaaaaaaaaaa', 'Password must not be one character repeated'],
    ['x'.repeat(257), 'Password must be 256 characters or fewer'],
    ['sam@example.org-secret', 'Password must not contain your email address', 'sam@example.org'],
    // No composition rules: all lower case, no digits, no symbols is fine when long and uncommon.
    ['kettle orbit meadow', null],
    ['tangerinelighthousecobalt', null],
  ]
  for (const [password, expected, email] of cases) {
    assert.equal(passwordProblem(password, email), expected, `for ${JSON.stringify(password.slice(0, 30))}`)
  }
})
