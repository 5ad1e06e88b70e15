// Entry point: `npx case-review COMMAND` (administrative commands). Each command lives in src/cli/.
process.env.TZ ??= 'Europe/London'

import { anonymiseCommand } from './cli/anonymise.command.ts'
import type { CliCommand } from './cli/command.ts'
import { detectSpansCommand } from './cli/detect-spans.command.ts'
import { evaluateAnonymiserCommand } from './cli/evaluate-anonymiser.command.ts'
import { ConfigError } from './config.ts'
import { remindersCommand } from './cli/reminders.command.ts'
import {
  auditVerifyCommand,
  createUserCommand,
  demoCodeCommand,
  migrateCommand,
  seedDemoCommand,
} from './cli/platform.commands.ts'

/** Every command, in the order `--help` lists them. */
export const COMMANDS: CliCommand[] = [
  migrateCommand,
  seedDemoCommand,
  createUserCommand,
  auditVerifyCommand,
  demoCodeCommand,
  detectSpansCommand,
  anonymiseCommand,
  evaluateAnonymiserCommand,
  remindersCommand,
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
  const command = [...COMMANDS]
    .sort((a, b) => b.name.length - a.name.length)
    .find((c) => argv.slice(0, c.name.split(' ').length).join(' ') === c.name)
  if (!command) {
    console.error(`Unknown command: ${argv.join(' ')}\n\n${helpText()}`)
    return 2
  }
  const rest = argv.slice(command.name.split(' ').length)
  if (rest.includes('--help')) {
    console.log(`${command.summary}\n\nUsage: ${command.usage}`)
    return 0
  }
  try {
    return await command.run(rest)
  } catch (error) {
    if (error instanceof ConfigError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
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
