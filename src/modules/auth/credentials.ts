import { createHash, randomBytes } from 'node:crypto'
import { hash as argon2Hash, verify as argon2Verify } from '@node-rs/argon2'
import { generate, generateSecret, generateURI, verify as verifyTotp } from 'otplib'

/**
 * Hash a password with argon2id (the @node-rs/argon2 default algorithm; OWASP parameters:
 * 19 MiB memory, 2 iterations, 1 lane).
 */
export async function hashPassword(password: string): Promise<string> {
  return argon2Hash(password, { memoryCost: 19456, timeCost: 2, parallelism: 1 })
}

/** True when `password` matches the stored argon2 hash. Never throws (a malformed hash is false). */
export async function passwordMatches(storedHash: string, password: string): Promise<boolean> {
  try {
    return await argon2Verify(storedHash, password)
  } catch {
    return false
  }
}

/** A random session or invitation token (256 bits, base64url) for a cookie or a link. */
export function newToken(): string {
  return randomBytes(32).toString('base64url')
}

/** SHA-256 hex of a token or code: what the database stores instead of the token. */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex')
}

/** A new base32 TOTP secret (160 bits, RFC 4226 recommendation). */
export function newTotpSecret(): string {
  return generateSecret()
}

/** The otpauth:// URI an authenticator app reads from the QR code. */
export function totpUri(secret: string, accountEmail: string, issuer = 'Case Review'): string {
  return generateURI({ issuer, label: accountEmail, secret })
}

/** The current 6-digit TOTP code for a secret (used by demo mode and tests). */
export async function currentTotpCode(secret: string, at: Date = new Date()): Promise<string> {
  return generate({ secret, epoch: Math.floor(at.getTime() / 1000) })
}

/**
 * Check a TOTP code (RFC 6238: SHA-1, 6 digits, 30-second steps), accepting the previous and next
 * step for clock drift, and refusing any step at or before `lastStep` so a code cannot be replayed.
 * Returns the accepted time step, or null. Never throws.
 */
export async function checkTotpCode(
  secret: string,
  code: string,
  lastStep: number | null,
  at: Date = new Date(),
): Promise<number | null> {
  const token = code.replace(/\s+/g, '')
  if (!/^\d{6}$/.test(token)) return null
  try {
    const result = await verifyTotp({
      secret,
      token,
      epoch: Math.floor(at.getTime() / 1000),
      epochTolerance: 30,
      ...(lastStep === null ? {} : { afterTimeStep: lastStep }),
    })
    return result.valid && 'timeStep' in result ? result.timeStep : null
  } catch {
    return null
  }
}

const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789'

/** Ten one-time recovery codes like `k7mq-2xpa-9tnc` (about 70 bits each). */
export function newRecoveryCodes(count = 10): string[] {
  return Array.from({ length: count }, () => {
    const bytes = randomBytes(12)
    const chars = Array.from(bytes, (b) => RECOVERY_ALPHABET[b % RECOVERY_ALPHABET.length])
    return `${chars.slice(0, 4).join('')}-${chars.slice(4, 8).join('')}-${chars.slice(8, 12).join('')}`
  })
}

/** Canonical form of a typed recovery code (case and spacing ignored). */
export function normaliseRecoveryCode(code: string): string {
  const compact = code.toLowerCase().replace(/[^a-z0-9]/g, '')
  return compact.length === 12 ? `${compact.slice(0, 4)}-${compact.slice(4, 8)}-${compact.slice(8)}` : compact
}
