/**
 * One administrative command of `npx case-review`.
 *
 * Contract: `run` receives the arguments after the command name, writes its own output to
 * stdout/stderr, and resolves to the process exit code (0 success, 1 failure, 2 usage error;
 * commands may define others, e.g. 3 for "leak gate still finds something"). It never calls
 * `process.exit` itself, so commands can be tested in-process.
 */
export interface CliCommand {
  /** The word typed after `case-review`, e.g. `detect-spans` or `audit verify` (two words allowed). */
  name: string
  /** One line for `--help`. */
  summary: string
  /** Usage line(s) shown by `case-review help NAME` and on a usage error. */
  usage: string
  run(args: string[]): Promise<number>
}
