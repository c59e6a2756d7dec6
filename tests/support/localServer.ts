import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

/**
 * The HTTP server under each fake, on 127.0.0.1: closing it cuts the connections still open, as a
 * process dying would, so clients see what they would see in real life.
 */
export class LocalServer {
  port = 0
  private server: Server | undefined
  private readonly sockets = new Set<Socket>()
  private readonly handler: RequestListener

  constructor(handler: RequestListener) {
    this.handler = handler
  }

  get running(): boolean {
    return this.server !== undefined
  }

  /** Listens on `port` (0: a free one) and answers the port it got. */
  async listen(port = 0): Promise<number> {
    const server = createServer(this.handler)
    server.on('connection', (socket) => {
      this.sockets.add(socket)
      socket.on('close', () => this.sockets.delete(socket))
    })
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, '127.0.0.1', () => resolve())
    })
    this.server = server
    this.port = (server.address() as AddressInfo).port
    return this.port
  }

  async close(): Promise<void> {
    const server = this.server
    this.server = undefined
    if (!server) return
    for (const socket of this.sockets) socket.destroy()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }
}

/** A request body as JSON, the raw text when it is not JSON, undefined when empty. */
export async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  const text = Buffer.concat(chunks).toString('utf8')
  try {
    return text ? JSON.parse(text) : undefined
  } catch {
    return text
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' }).end(JSON.stringify(body))
}
