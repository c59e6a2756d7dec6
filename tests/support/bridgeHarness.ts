import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import WebSocket from 'ws'
import { createApp, type App, type AppOptions } from '../../src/main/app.ts'
import { startWebBridge, WEB_SOCKET_PATH, type WebBridge } from '../../src/main/web/WebBridge.ts'
import type { ServerFrame } from '../../src/shared/ipc/transport.ts'
import { FakeOllama } from './fakeOllama.ts'

export interface BridgeHarness {
  fake: FakeOllama
  app: App
  bridge: WebBridge
  close(): Promise<void>
}

/** A web bridge wired to real services and a fake Ollama, as `npm run web` builds it. */
export async function startBridgeHarness(
  dataDir: string,
  rendererDir?: string,
  appOptions: Partial<AppOptions> = {},
): Promise<BridgeHarness> {
  const fake = await new FakeOllama().start()
  const app = await createApp({ host: 'web', dataDir, ollamaHost: fake.host, statusIntervals: { upMs: 100, downMs: 100 }, ...appOptions })
  let dir = rendererDir
  if (!dir) {
    dir = path.join(dataDir, 'renderer')
    await mkdir(dir, { recursive: true })
    await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>Instruct Desk</title>')
  }
  const bridge = await startWebBridge({ app, rendererDir: dir })
  return {
    fake,
    app,
    bridge,
    async close() {
      await app.dispose()
      await bridge.close()
      await fake.stop()
    },
  }
}

/** A socket client speaking the bridge's frames, for tests that poke the wire directly. */
export class BridgeSocket {
  readonly frames: ServerFrame[] = []
  readonly ws: WebSocket
  private waiters: (() => void)[] = []

  constructor(bridge: Pick<WebBridge, 'port' | 'token'>, options: { token?: string; origin?: string } = {}) {
    const url = `ws://127.0.0.1:${bridge.port}${WEB_SOCKET_PATH}?token=${options.token ?? bridge.token}`
    this.ws = new WebSocket(url, { origin: options.origin ?? `http://127.0.0.1:${bridge.port}`, maxPayload: 64 * 1024 * 1024 })
    this.ws.on('message', (data) => {
      this.frames.push(JSON.parse(data.toString()) as ServerFrame)
      for (const wake of this.waiters.splice(0)) wake()
    })
  }

  opened(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.ws.once('open', () => resolve())
      this.ws.once('error', reject)
    })
  }

  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame))
  }

  async next(match: (frame: ServerFrame) => boolean): Promise<ServerFrame> {
    for (;;) {
      const found = this.frames.find(match)
      if (found) return found
      await new Promise<void>((resolve) => this.waiters.push(resolve))
    }
  }

  close(): void {
    this.ws.close()
  }
}
