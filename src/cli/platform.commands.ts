import { parseArgs } from 'node:util'
import { composeServices } from '../composition.ts'
import { loadConfig } from '../config.ts'
import { DEMO_USERS, seedDemo } from '../db/seed/demo-seed.ts'
import { isRole, ROLES, roleIsNational } from '../modules/access/permissions.ts'
import { seedDemoContent } from '../db/seed/demo-content.ts'
import { currentTotpCode, hashPassword } from '../modules/auth/credentials.ts'
import { passwordProblem } from '../modules/users/password-policy.ts'
import { looksLikeEmail, normaliseEmail } from '../modules/users/user.ts'
import type { CliCommand } from './command.ts'

/** Open the services without seeding (the CLI never seeds unless asked). */
async function openServices() {
  return composeServices(loadConfig(process.env, { seedDemo: false }))
}

export const migrateCommand: CliCommand = {
  name: 'migrate',
  summary: 'Bring the database (DATABASE_URL) to the newest schema',
  usage: 'case-review migrate',
  async run() {
    const services = await openServices()
    await services.close()
    console.log(`The ${services.database.kind} database is up to date.`)
    return 0
  },
}

export const seedDemoCommand: CliCommand = {
  name: 'seed-demo',
  summary: 'Add the demo partnership, its agencies, one demo user per role and demo reviews (not in production)',
  usage: 'case-review seed-demo',
  async run() {
    const config = loadConfig(process.env, { seedDemo: false })
    if (config.environment === 'production') {
      console.error('The demo seed is refused in production.')
      return 1
    }
    const services = await composeServices(config)
    const { partnerships, users, partnerSignOffs } = services.repositories
    const seeded = await seedDemo(partnerships, users, new Date(), partnerSignOffs)
    if (seeded) await seedDemoContent({ ...services, partnerships, users }, new Date())
    await services.close()
    console.log(seeded ? 'Seeded the demo partnership and demo users.' : 'The demo partnership is already there.')
    return 0
  },
}

export const createUserCommand: CliCommand = {
  name: 'create-user',
  summary: 'Create a user with a password and a role in a partnership (first administrator of a new install)',
  usage:
    'case-review create-user --email EMAIL --name "FULL NAME" --role ROLE --partnership "PARTNERSHIP NAME" [--region REGION]\n' +
    '  The password is read from the CASE_REVIEW_PASSWORD environment variable (so it is not in your shell history).\n' +
    '  The partnership is created if it does not exist. The user sets up their authenticator app at first sign-in.',
  async run(args) {
    const { values } = parseArgs({
      args,
      options: {
        email: { type: 'string' },
        name: { type: 'string' },
        role: { type: 'string' },
        partnership: { type: 'string' },
        region: { type: 'string', default: 'England' },
      },
    })
    const password = process.env.CASE_REVIEW_PASSWORD ?? ''
    const problems: string[] = []
    if (!values.email || !looksLikeEmail(values.email))
      problems.push('Give --email, an email address like name@example.com')
    if (!values.name?.trim()) problems.push('Give --name, the person’s full name')
    if (!isRole(values.role)) problems.push(`Give --role, one of ${ROLES.join(', ')}`)
    if (!(isRole(values.role) && roleIsNational(values.role)) && !values.partnership?.trim())
      problems.push('Give --partnership, the partnership’s name')
    const passwordIssue = passwordProblem(password, values.email)
    if (passwordIssue) problems.push(`CASE_REVIEW_PASSWORD: ${passwordIssue}`)
    if (problems.length > 0 || !isRole(values.role)) {
      console.error(problems.join('\n'))
      return 2
    }
    const services = await openServices()
    try {
      const { users, partnerships } = services.repositories
      const email = normaliseEmail(values.email!)
      if (await users.findByEmail(email)) {
        console.error(`A user with the email address ${email} already exists.`)
        return 1
      }
      const now = new Date()
      let partnershipId: string | null = null
      if (!roleIsNational(values.role)) {
        const name = values.partnership!.trim()
        partnershipId = (
          (await partnerships.findByName(name)) ?? (await partnerships.create({ name, region: values.region! }, now))
        ).id
      }
      const user = await users.create(
        { email, displayName: values.name!.trim(), passwordHash: await hashPassword(password) },
        now,
      )
      await users.addMembership({ userId: user.id, partnershipId, role: values.role, agencyId: null }, now)
      await services.audit.record({
        actorUserId: null,
        actorEmail: null,
        partnershipId,
        action: 'user.create_from_command_line',
        outcome: 'success',
        resourceType: 'user',
        resourceId: user.id,
        detail: { role: values.role },
      })
      console.log(`Created ${email} (${values.role}).`)
      return 0
    } finally {
      await services.close()
    }
  },
}

export const auditVerifyCommand: CliCommand = {
  name: 'audit verify',
  summary: 'Check the audit log’s hash chain; exit code 1 if it has been changed',
  usage: 'case-review audit verify',
  async run() {
    const services = await openServices()
    try {
      const result = await services.audit.verifyChain()
      if (result.ok) {
        console.log(`The audit log is intact: ${result.events} events, every link checked.`)
        return 0
      }
      console.error(`The audit log has been tampered with at event ${result.brokenAt}: ${result.reason}.`)
      return 1
    } finally {
      await services.close()
    }
  },
}

export const demoCodeCommand: CliCommand = {
  name: 'demo-code',
  summary: 'Print the current second-factor code of a demo user (demo mode only)',
  usage: 'case-review demo-code EMAIL',
  async run(args) {
    const email = normaliseEmail(args[0] ?? '')
    const config = loadConfig(process.env, { seedDemo: false })
    if (!config.demoMode) {
      console.error('Demo codes are only available in demo mode (never in production).')
      return 1
    }
    if (!DEMO_USERS.some((u) => u.email === email)) {
      console.error(`Give the email of a demo user: ${DEMO_USERS.map((u) => u.email).join(', ')}`)
      return 2
    }
    const services = await openServices()
    try {
      const user = await services.repositories.users.credentialsByEmail(email)
      if (!user?.totpSecret) {
        console.error(`${email} has not started setting up an authenticator yet: sign in with the password first.`)
        return 1
      }
      console.log(await currentTotpCode(user.totpSecret))
      return 0
    } finally {
      await services.close()
    }
  },
}
