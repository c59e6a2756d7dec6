import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { invokeChannels, streamChannels } from '../../src/shared/ipc/contract.ts'
import type { ServerFrame } from '../../src/shared/ipc/transport.ts'
import { BridgeSocket, startBridgeHarness, type BridgeHarness } from '../support/bridgeHarness.ts'
import { seededRandom } from '../support/seededRandom.ts'
import { useTempDirs } from '../support/tempDir.ts'

const tempDir = useTempDirs()
const PER_CHANNEL = 60

/** Property names anywhere in a request schema: garbage built from real names reaches deeper checks than random keys. */
function fieldNames(schema: z.ZodType): string[] {
  const names = new Set<string>()
  const walk = (node: unknown): void => {
    if (typeof node !== 'object' || node === null) return
    const properties = (node as { properties?: Record<string, unknown> }).properties
    if (properties) for (const name of Object.keys(properties)) names.add(name)
    for (const value of Object.values(node)) walk(value)
  }
  walk(z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' }))
  return [...names]
}

function garbage(next: () => number, names: string[], depth = 0): unknown {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T
  const kind = Math.floor(next() * (depth > 3 ? 6 : 9))
  switch (kind) {
    case 0:
      return pick([0, -1, 1.5, 2 ** 53, Number.MAX_VALUE, -0])
    case 1:
      return pick(['', 'x', '💥'.repeat(3), 'a'.repeat(5_000), '../../etc/passwd', '<script>', 'qwen2.5:7b-instruct'])
    case 2:
      return next() < 0.5
    case 3:
      return null
    case 4:
      return pick(['NaN', 'Infinity', '1e309', 'true'])
    case 5:
      return []
    case 6:
      return Array.from({ length: 1 + Math.floor(next() * 4) }, () => garbage(next, names, depth + 1))
    default: {
      const keys = [...names, '__proto__', 'constructor', 'prototype', 'extra']
      return Object.fromEntries(Array.from({ length: Math.floor(next() * 5) }, () => [pick(keys), garbage(next, names, depth + 1)]))
    }
  }
}

let h: BridgeHarness
let socket: BridgeSocket
beforeAll(async () => {
  h = await startBridgeHarness(await tempDir())
  socket = new BridgeSocket(h.bridge)
  await socket.opened()
})
afterAll(async () => {
  socket.close()
  await h.close()
})

const ending = (id: number) => (f: ServerFrame) => (f.kind === 'result' || f.kind === 'end') && f.id === id

describe('IPC fuzz through the web bridge', () => {
  it('answers every malformed payload on every channel with BAD_REQUEST and keeps serving', { timeout: 120_000 }, async () => {
    const next = seededRandom(20261127)
    const channels = [
      ...Object.entries(invokeChannels).map(([name, spec]) => ({ name, kind: 'invoke' as const, schema: spec.request as z.ZodType })),
      ...Object.entries(streamChannels).map(([name, spec]) => ({ name, kind: 'stream' as const, schema: spec.request as z.ZodType })),
    ]
    let id = 1
    let sent = 0
    const answers: { channel: string; payload: unknown; frame: Promise<ServerFrame> }[] = []
    for (const channel of channels) {
      const names = fieldNames(channel.schema)
      for (let i = 0; i < PER_CHANNEL; i++) {
        const payload = garbage(next, names)
        // `null` stands for "no arguments" on the wire; anything the contract would accept is not malformed.
        if (payload === null || channel.schema.safeParse(payload).success) continue
        const frameId = id++
        socket.send({ kind: channel.kind, id: frameId, channel: channel.name, payload })
        answers.push({ channel: channel.name, payload, frame: socket.next(ending(frameId)) })
        sent++
      }
    }
    const wrong: string[] = []
    for (const answer of answers) {
      const frame = await answer.frame
      const envelope = frame.kind === 'result' || frame.kind === 'end' ? frame.envelope : undefined
      if (envelope?.ok !== false || envelope.error.code !== 'BAD_REQUEST')
        wrong.push(`${answer.channel} ${JSON.stringify(answer.payload).slice(0, 120)} → ${JSON.stringify(envelope).slice(0, 160)}`)
    }
    expect(wrong).toEqual([])
    expect(sent).toBeGreaterThan(2_500)
    const healthy = id
    socket.send({ kind: 'invoke', id: healthy, channel: 'app:info', payload: {} })
    const frame = await socket.next(ending(healthy))
    expect(frame).toMatchObject({ kind: 'result', envelope: { ok: true, data: { name: 'Instruct Desk' } } })
  })
})
