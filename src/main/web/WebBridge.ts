import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type WebSocket } from 'ws'
import type { ServerFrame } from '../../shared/ipc/transport.ts'
import { MAX_MESSAGE_BYTES } from '../../shared/ipc/transport.ts'
import type { App } from '../app.ts'
import { Router } from '../ipc/router.ts'
import { contentSecurityPolicy } from '../security/csp.ts'
import { BridgeConnection } from './BridgeConnection.ts'
import { readStaticFile } from './staticFiles.ts'

export interface WebBridgeOptions {
  app: App
  rendererDir: string
  port?: number
  /** Fixed token for tests; a random one per launch otherwise. */
  token?: string
}

export interface WebBridge {
  url: string
  port: number
  token: string
  close(): Promise<void>
}

const COOKIE = 'instruct_desk_token'
export const WEB_SOCKET_PATH = '/ipc'

function tokenFrom(req: IncomingMessage): string | undefined {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1')
  const fromQuery = url.searchParams.get('token')
  if (fromQuery) return fromQuery
  const cookie = (req.headers.cookie ?? '')
    .split(';')
    .map((c) => c.trim())
    .find((c) => c.startsWith(`${COOKIE}=`))
  return cookie?.slice(COOKIE.length + 1)
}

function sameToken(given: string | undefined, expected: string): boolean {
  if (!given) return false
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

function refuseUpgrade(socket: Duplex, status: 401 | 403, reason: string): void {
  socket.end(
    `HTTP/1.1 ${status} ${status === 401 ? 'Unauthorized' : 'Forbidden'}\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n${reason}\n`,
  )
}

/**
 * Serves the built renderer on loopback and the same IPC handlers over one WebSocket, so the
 * real UI runs in a browser. Not a LAN server: it binds 127.0.0.1, wants a per-launch token and
 * accepts sockets only from its own origin.
 */
export async function startWebBridge(options: WebBridgeOptions): Promise<WebBridge> {
  const token = options.token ?? randomBytes(24).toString('base64url')
  const connections = new Set<BridgeConnection>()
  let origin = ''
  const router = new Router(options.app.handlers, (sender) => sender.origin === origin)

  const server = createServer((req, res) => void serveHttp(req, res))
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES })

  async function serveHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!sameToken(tokenFrom(req), token)) {
      res
        .writeHead(401, { 'Content-Type': 'text/plain; charset=utf-8' })
        .end('Open the address printed by `npm run web`; it carries the access token.\n')
      return
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end()
      return
    }
    const file = await readStaticFile(options.rendererDir, new URL(req.url ?? '/', origin).pathname)
    if (!file) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found\n')
      return
    }
    res.writeHead(200, {
      'Content-Type': file.contentType,
      'Content-Security-Policy': contentSecurityPolicy([origin.replace(/^http/, 'ws')]),
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
      'Set-Cookie': `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
    })
    res.end(req.method === 'HEAD' ? undefined : file.body)
  }

  server.on('upgrade', (req, socket, head) => {
    if (new URL(req.url ?? '/', origin).pathname !== WEB_SOCKET_PATH) return refuseUpgrade(socket, 403, 'Unknown endpoint.')
    if (!sameToken(tokenFrom(req), token)) return refuseUpgrade(socket, 401, 'Missing or wrong token.')
    if (req.headers.origin !== origin) return refuseUpgrade(socket, 403, 'Foreign origin.')
    sockets.handleUpgrade(req, socket, head, (ws: WebSocket) => {
      const connection = new BridgeConnection(ws, router, { origin })
      connections.add(connection)
      ws.on('close', () => connections.delete(connection))
    })
  })

  const unsubscribe = options.app.events.subscribe((channel, payload) => {
    const frame: ServerFrame = { kind: 'broadcast', channel, payload }
    for (const connection of connections) connection.send(frame)
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  origin = `http://127.0.0.1:${port}`

  return {
    url: `${origin}/?token=${token}`,
    port,
    token,
    async close() {
      unsubscribe()
      for (const connection of connections) connection.close()
      sockets.close()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
