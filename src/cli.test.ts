import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { COMMANDS, helpText, runCli } from './cli.ts'

const bin = fileURLToPath(new URL('../bin/case-review.js', import.meta.url))

describe('case-review command line', () => {
  it("lists each command with its module's own name, summary and usage", async () => {
    for (const entry of COMMANDS) {
      const command = await entry.load()
      assert.deepEqual(
        { name: command.name, summary: command.summary, usage: command.usage },
        { name: entry.name, summary: entry.summary, usage: entry.usage },
      )
    }
  })

  it('prints help without loading any command module, the database, the web app or the config', () => {
    // a fresh process that records every module it loads, so this test file's own imports do not count
    const script = `
      import { registerHooks } from 'node:module'
      const loaded = []
      registerHooks({ load(url, context, next) { loaded.push(url); return next(url, context) } })
      const { runCli } = await import(${JSON.stringify(new URL('./cli.ts', import.meta.url).href)})
      await runCli(['--help'])
      console.log('LOADED ' + JSON.stringify(loaded.filter((u) => u.startsWith('file:'))))`
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })
    assert.equal(run.status, 0, run.stderr)
    assert.ok(run.stdout.includes('detect-spans'))
    const loaded = JSON.parse(/LOADED (.*)/.exec(run.stdout)![1]) as string[]
    const src = new URL('./', import.meta.url).href
    assert.deepEqual(
      loaded.filter((u) => u.startsWith(src)).map((u) => u.slice(src.length)),
      ['cli.ts', 'cli/command.ts'].filter((f) => loaded.includes(src + f)),
    )
  })

  it('runs from bin/case-review.js and answers --help with the command list', () => {
    const run = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8' })
    assert.equal(run.status, 0, run.stderr)
    assert.equal(run.stdout.trim(), helpText())
  })

  it('refuses an unknown command with exit code 2', async () => {
    const errors: string[] = []
    const original = console.error
    console.error = (message: string) => void errors.push(message)
    try {
      assert.equal(await runCli(['no-such-command']), 2)
    } finally {
      console.error = original
    }
    assert.match(errors.join('\n'), /Unknown command: no-such-command/)
  })
})
