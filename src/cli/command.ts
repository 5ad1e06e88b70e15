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

/**
 * A line writer for a command's standard output that stops quietly when the reader goes away
 * (`case-review evaluate-anonymiser | head`): Node reports the closed pipe as an asynchronous EPIPE
 * error on `stdout`, which, unhandled, crashes the process with a stack trace. `closed()` tells the
 * command it may stop working; other stream errors are left to crash as before. The listener stays
 * for the life of the stream, as the EPIPE error can arrive after the command has returned.
 */
export function pipeSafeWriter(stream: NodeJS.WritableStream = process.stdout): {
  out: (line: string) => void
  closed: () => boolean
} {
  let isClosed = false
  const onError = (error: NodeJS.ErrnoException): void => {
    if (error.code !== 'EPIPE') throw error
    isClosed = true
  }
  stream.on('error', onError)
  return {
    out: (line) => {
      if (!isClosed) stream.write(line + '\n')
    },
    closed: () => isClosed,
  }
}
