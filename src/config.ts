import { z } from 'zod'

/**
 * The application's configuration: environment variables parsed by zod into one frozen, typed object.
 *
 * Contract: `loadConfig` throws a `ConfigError` whose message names each setting to fix. In production
 * (`NODE_ENV=production`) it refuses insecure defaults: no session secret, the demo seed, or cookies
 * that would travel over plain HTTP.
 */
export interface Config {
  readonly environment: 'development' | 'test' | 'production'
  readonly port: number
  readonly host: string
  /** `sqlite:<path>` file (the embedded default) or a `postgres://` URL. */
  readonly databaseUrl: string
  /** Secret that signs cookies (CSRF secret cookie). At least 32 characters in production. */
  readonly sessionSecret: string
  /** Cookies marked `Secure` (sent over HTTPS only). Always true in production. */
  readonly secureCookies: boolean
  /** Seed the demo partnership and demo users on start (never in production). */
  readonly seedDemo: boolean
  /** Also seed the demo reviews (on by default with the demo seed; tests turn it off). */
  readonly seedDemoReviews: boolean
  /**
   * Also publish the invented demo corpus of published reviews into the public repository (on by
   * default with the demo seed; tests turn it off unless they need it). Idempotent.
   */
  readonly seedDemoRepository: boolean
  /** Demo mode: second-factor codes of demo users can be printed by `case-review demo-code`. */
  readonly demoMode: boolean
  readonly sessionIdleMinutes: number
  readonly sessionAbsoluteHours: number
  /** Failed sign-ins in a row before an account is locked. */
  readonly lockoutThreshold: number
  readonly lockoutMinutes: number
  /** Base delay added to each failed sign-in after the third (doubles each time, capped at 8 s); 0 in tests. */
  readonly failedSignInDelayMs: number
  /** Requests per minute per address on sign-in and code entry. */
  readonly signInRateLimitPerMinute: number
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'
  /** Trust X-Forwarded-* headers (behind a load balancer). */
  readonly trustProxy: boolean
  /**
   * `redis://host:6379` to count rate limits (sign-in, the API) in Redis, shared by every instance;
   * null counts them in each process (one instance).
   */
  readonly redisUrl: string | null
  /** `smtp://user:pass@host:port` (or `smtps://`) to send queued email; null keeps email in the outbox only. */
  readonly smtpUrl: string | null
  /** The From address of email the service sends. */
  readonly mailFrom: string
  /** Minutes between reminder sweeps in the server; 0 turns the timer off (run `case-review reminders` from cron instead). */
  readonly reminderSweepMinutes: number
}

export class ConfigError extends Error {
  override name = 'ConfigError'
}

const DEV_SESSION_SECRET = 'development-only-session-secret-not-for-production-use'

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes')

const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().min(1).default('sqlite:./data/case-review.db'),
  SESSION_SECRET: z.string().optional(),
  SECURE_COOKIES: booleanFromEnv.optional(),
  SEED_DEMO: booleanFromEnv.optional(),
  SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().positive().default(12),
  LOCKOUT_THRESHOLD: z.coerce.number().int().positive().default(10),
  LOCKOUT_MINUTES: z.coerce.number().int().positive().default(15),
  FAILED_SIGN_IN_DELAY_MS: z.coerce.number().int().min(0).default(250),
  SIGN_IN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(20),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: booleanFromEnv.default(false),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
    .optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  REMINDER_SWEEP_MINUTES: z.coerce.number().int().min(0).default(15),
  MAIL_FROM: z.string().email('must be an email address').default('no-reply@case-review.example'),
})

/**
 * Parse the environment into a frozen {@link Config}.
 * @throws ConfigError listing every setting to fix, in plain English.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = environmentSchema.safeParse(env)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)
    throw new ConfigError(`The configuration is not valid:\n${lines.join('\n')}`)
  }
  const e = parsed.data
  const production = e.NODE_ENV === 'production'
  const config: Config = {
    environment: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    sessionSecret: e.SESSION_SECRET ?? (production ? '' : DEV_SESSION_SECRET),
    secureCookies: e.SECURE_COOKIES ?? production,
    seedDemo: e.SEED_DEMO ?? !production,
    seedDemoReviews: e.SEED_DEMO ?? !production,
    seedDemoRepository: e.SEED_DEMO ?? !production,
    demoMode: e.SEED_DEMO ?? !production,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    sessionAbsoluteHours: e.SESSION_ABSOLUTE_HOURS,
    lockoutThreshold: e.LOCKOUT_THRESHOLD,
    lockoutMinutes: e.LOCKOUT_MINUTES,
    failedSignInDelayMs: e.FAILED_SIGN_IN_DELAY_MS,
    signInRateLimitPerMinute: e.SIGN_IN_RATE_LIMIT_PER_MINUTE,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    redisUrl: e.REDIS_URL ?? null,
    smtpUrl: e.SMTP_URL ?? null,
    mailFrom: e.MAIL_FROM,
    reminderSweepMinutes: e.REMINDER_SWEEP_MINUTES,
    ...overrides,
  }
  if (production) assertProductionSafe(config)
  return Object.freeze(config)
}

function assertProductionSafe(config: Config): void {
  const problems: string[] = []
  if (!config.sessionSecret || config.sessionSecret === DEV_SESSION_SECRET || config.sessionSecret.length < 32) {
    problems.push('SESSION_SECRET: set a random secret of at least 32 characters (for example `openssl rand -hex 32`).')
  }
  if (config.seedDemo) {
    problems.push(
      'SEED_DEMO: the demo partnership and demo users must not be seeded in production; set SEED_DEMO=false.',
    )
  }
  if (!config.secureCookies) {
    problems.push('SECURE_COOKIES: cookies must be sent over HTTPS only in production; remove SECURE_COOKIES=false.')
  }
  if (problems.length > 0) {
    throw new ConfigError(`Refusing to start in production:\n${problems.join('\n')}`)
  }
}
