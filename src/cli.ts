// Entry point: `npx case-review COMMAND` (administrative commands). Each command lives in src/cli/.
//
// Start-up loads only what the command typed needs: the list below holds each command's name and
// help text, and its module is imported only when that command runs. `--help` imports nothing but
// this file; the anonymiser commands never load the database, the web app or the config.
process.env.TZ ??= 'Europe/London'

import type { CliCommand } from './cli/command.ts'

/** One command as `--help` lists it, with a loader that imports its module only when it runs. */
export interface CliCommandEntry {
  name: string
  summary: string
  usage: string
  load(): Promise<CliCommand>
}

const ANONYMISE_USAGE =
  'case-review anonymise --cast CAST.json [--places PLACES.json] [--report REPORT.json] [--date-style month-year|child-age] [--no-model] INPUT.md > OUTPUT.md'

/** Every command, in the order `--help` lists them (each module's own name, summary and usage; a test keeps them equal). */
export const COMMANDS: readonly CliCommandEntry[] = [
  {
    name: 'migrate',
    summary: 'Bring the database (DATABASE_URL) to the newest schema',
    usage: 'case-review migrate',
    load: async () => (await import('./cli/platform.commands.ts')).migrateCommand,
  },
  {
    name: 'seed-demo',
    summary: 'Add the demo partnership, its agencies, one demo user per role and demo reviews (not in production)',
    usage: 'case-review seed-demo',
    load: async () => (await import('./cli/platform.commands.ts')).seedDemoCommand,
  },
  {
    name: 'create-user',
    summary: 'Create a user with a password and a role in a partnership (first administrator of a new install)',
    usage:
      'case-review create-user --email EMAIL --name "FULL NAME" --role ROLE --partnership "PARTNERSHIP NAME" [--region REGION]\n' +
      '  The password is read from the CASE_REVIEW_PASSWORD environment variable (so it is not in your shell history).\n' +
      '  The partnership is created if it does not exist. The user sets up their authenticator app at first sign-in.',
    load: async () => (await import('./cli/platform.commands.ts')).createUserCommand,
  },
  {
    name: 'audit verify',
    summary: 'Check the audit log’s hash chain; exit code 1 if it has been changed',
    usage: 'case-review audit verify',
    load: async () => (await import('./cli/platform.commands.ts')).auditVerifyCommand,
  },
  {
    name: 'demo-code',
    summary: 'Print the current second-factor code of a demo user (demo mode only)',
    usage: 'case-review demo-code EMAIL',
    load: async () => (await import('./cli/platform.commands.ts')).demoCodeCommand,
  },
  {
    name: 'detect-spans',
    summary: 'Write the spans the anonymiser would mask, with no cast, for each text of a JSON file',
    usage: 'case-review detect-spans INPUT.json OUTPUT.json',
    load: async () => (await import('./cli/detect-spans.command.ts')).detectSpansCommand,
  },
  {
    name: 'anonymise',
    summary: 'Anonymise a document with the review cast and places; writes the text to stdout',
    usage: ANONYMISE_USAGE,
    load: async () => (await import('./cli/anonymise.command.ts')).anonymiseCommand,
  },
  {
    name: 'evaluate-anonymiser',
    summary: 'Print the anonymisation benchmark measures (TAB, presidio-research, WikiActors, demo case)',
    usage: 'case-review evaluate-anonymiser [--split dev] [--data DIR]',
    load: async () => (await import('./cli/evaluate-anonymiser.command.ts')).evaluateAnonymiserCommand,
  },
  {
    name: 'reminders',
    summary:
      'Queue the reminders now due (agency requests, overdue actions, learning not shared) and send queued email',
    usage: 'case-review reminders',
    load: async () => (await import('./cli/reminders.command.ts')).remindersCommand,
  },
]

/** The help text listing every command. */
export function helpText(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length))
  return [
    'Usage: case-review COMMAND [OPTIONS]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    `  ${'help COMMAND'.padEnd(width)}  Show how to use one command`,
    '',
    'The database is DATABASE_URL (default sqlite:./data/case-review.db).',
  ].join('\n')
}

/** Run the command named by `argv`; resolves to the exit code. */
export async function runCli(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h') {
    console.log(helpText())
    return 0
  }
  if (argv[0] === 'help') {
    const command = COMMANDS.find((c) => c.name === argv.slice(1).join(' '))
    console.log(command ? `${command.summary}\n\nUsage: ${command.usage}` : helpText())
    return command ? 0 : 2
  }
  // Longest name first, so "audit verify" wins over a future "audit".
  const entry = [...COMMANDS]
    .sort((a, b) => b.name.length - a.name.length)
    .find((c) => argv.slice(0, c.name.split(' ').length).join(' ') === c.name)
  if (!entry) {
    console.error(`Unknown command: ${argv.join(' ')}\n\n${helpText()}`)
    return 2
  }
  const rest = argv.slice(entry.name.split(' ').length)
  if (rest.includes('--help')) {
    console.log(`${entry.summary}\n\nUsage: ${entry.usage}`)
    return 0
  }
  const command = await entry.load()
  try {
    return await command.run(rest)
  } catch (error) {
    // ConfigError is recognised by name so that commands which never load the config do not pay for it
    if ((error as Error).name === 'ConfigError' || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error((error as Error).message)
      console.error(`\nUsage: ${command.usage}`)
      return 2
    }
    throw error
  }
}

if (import.meta.main) {
  process.exitCode = await runCli(process.argv.slice(2))
}
