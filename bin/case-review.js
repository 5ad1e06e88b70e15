#!/usr/bin/env node
// `npx case-review`: runs src/cli.ts on the project's own Node 24 (it runs TypeScript natively),
// even when the `node` first on the PATH is older.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
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
  if (!existsSync(pinned)) {
    console.error('Node 24 is needed. Run `npm install` first (it installs the pinned Node 24).')
    process.exit(1)
  }
  const result = spawnSync(pinned, [cli, ...process.argv.slice(2)], { stdio: 'inherit' })
  process.exit(result.status ?? 1)
}
