import assert from 'node:assert/strict'
import { PassThrough } from 'node:stream'
import { test } from 'node:test'
import { pipeSafeWriter } from './command.ts'

test('a command writing to a pipe its reader closed stops writing instead of crashing (EPIPE)', () => {
  const stream = new PassThrough()
  const written: string[] = []
  stream.on('data', (chunk: Buffer) => written.push(chunk.toString()))
  const writer = pipeSafeWriter(stream)
  writer.out('first')
  assert.equal(writer.closed(), false)
  stream.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }))
  assert.equal(writer.closed(), true)
  writer.out('second')
  assert.deepEqual(written, ['first\n'])
  assert.throws(() => stream.emit('error', Object.assign(new Error('disk full'), { code: 'ENOSPC' })), /disk full/)
})
