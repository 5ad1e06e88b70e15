#!/usr/bin/env node
// `npx case-review`: runs src/cli.ts on the project's own Node 24 (it runs TypeScript natively),
// even when the `node` first on the PATH is older.
//
// On Node 24 or later the CLI runs in this process. On an older Node (20 here, which cannot strip
// types) one child process on the pinned Node is unavoidable: Node 20 has no `process.execve` to
// replace itself. Measured, the hand-over costs about 0.05 s of CPU (two bare Node start-ups); what
// made `--help` take seconds was src/cli.ts importing the whole application, which it no longer does.
import { spawnSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = dirname(dirname(fileURLToPath(import.meta.url)))
const major = Number(process.versions.node.split('.')[0])
const cli = join(root, 'src', 'cli.ts')
if (major >= 24) {
  const { runCli } = await import(cli)
  process.exitCode = await runCli(process.argv.slice(2))
} else {
  const pinned = join(root, 'node_modules', '.bin', 'node')
  const result = spawnSync(pinned, [cli, ...process.argv.slice(2)], { stdio: 'inherit' })
  if (result.error && result.error.code === 'ENOENT') {
    console.error('Node 24 is needed. Run `npm install` first (it installs the pinned Node 24).')
    process.exit(1)
  }
  // a signal that ended the child ends this process the same way (Ctrl-C, a broken pipe)
  if (result.signal) process.kill(process.pid, result.signal)
  process.exit(result.status ?? 1)
}
