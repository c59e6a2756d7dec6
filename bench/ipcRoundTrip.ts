import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import WebSocket from 'ws'
import { createApp } from '../src/main/app.ts'
import { Router } from '../src/main/ipc/router.ts'
import { startWebBridge, WEB_SOCKET_PATH } from '../src/main/web/WebBridge.ts'
import type { ServerFrame } from '../src/shared/ipc/transport.ts'
import { measure, type Timing } from './stats.ts'
import { markdownTable } from './table.ts'

export interface BenchRow {
  name: string
  timing: Timing
  /** p50 relative to the direct call measured in the same run. */
  ratioP50: number
}

/**
 * What a request costs on its way through our IPC: a direct call to the handler (baseline),
 * the router alone (validation + envelope), and the full web bridge round trip over a
 * loopback WebSocket. Electron's ipcMain path needs the Electron binary and is not measured here.
 */
export async function ipcRoundTrip(iterations = 3000): Promise<BenchRow[]> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'instruct-desk-bench-'))
  const app = await createApp({ host: 'web', dataDir, ollamaHost: 'http://127.0.0.1:9' })
  const bridge = await startWebBridge({ app, rendererDir: dataDir })
  const origin = `http://127.0.0.1:${bridge.port}`
  const router = new Router(app.handlers, () => true)
  const signal = new AbortController().signal

  const ws = new WebSocket(`ws://127.0.0.1:${bridge.port}${WEB_SOCKET_PATH}?token=${bridge.token}`, { origin })
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject))
  const waiting = new Map<number, () => void>()
  ws.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as ServerFrame
    if (frame.kind === 'result') waiting.get(frame.id)?.()
  })
  let id = 0
  const overSocket = (): Promise<void> =>
    new Promise((resolve) => {
      const callId = ++id
      waiting.set(callId, () => {
        waiting.delete(callId)
        resolve()
      })
      ws.send(JSON.stringify({ kind: 'invoke', id: callId, channel: 'settings:get', payload: {} }))
    })

  const direct = await measure(iterations, () => app.handlers.invoke['settings:get']({}, signal))
  const routed = await measure(iterations, () => router.invoke('settings:get', {}, { origin }))
  const bridged = await measure(iterations, overSocket)

  ws.close()
  await bridge.close()
  await app.dispose()
  await rm(dataDir, { recursive: true, force: true })

  const ratio = (t: Timing): number => Math.round((t.p50Us / Math.max(direct.p50Us, 0.1)) * 10) / 10
  return [
    { name: 'direct handler call (baseline)', timing: direct, ratioP50: 1 },
    { name: 'router: validate + dispatch + envelope', timing: routed, ratioP50: ratio(routed) },
    { name: 'web bridge: WebSocket round trip', timing: bridged, ratioP50: ratio(bridged) },
  ]
}

export function ipcTable(rows: BenchRow[]): string {
  return markdownTable(
    'IPC round trip (settings:get)',
    [
      { header: 'path', cell: (r) => r.name },
      { header: 'p50 (µs)', cell: (r) => r.timing.p50Us, numeric: true },
      { header: 'p95 (µs)', cell: (r) => r.timing.p95Us, numeric: true },
      { header: 'p50 ÷ baseline', cell: (r) => `${r.ratioP50}×`, numeric: true },
      { header: 'samples', cell: (r) => r.timing.samples, numeric: true },
    ],
    rows,
  )
}
