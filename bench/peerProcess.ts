import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import type { PeerReply, PeerRequest } from './benchPeer.ts'

/** The child process that runs the fake Ollama and the renderer stand-in (benchPeer.ts); one request, one reply. */
export class Peer {
  private readonly child: ChildProcess

  constructor() {
    this.child = spawn(process.execPath, [path.join(import.meta.dirname, 'benchPeer.ts')], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
  }

  ask<T extends PeerReply['type']>(request: PeerRequest, expect: T): Promise<Extract<PeerReply, { type: T }>> {
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`The bench peer exited (${code}) while asked for ${request.type}.`))
      this.child.once('exit', onExit)
      this.child.once('message', (reply: PeerReply) => {
        this.child.off('exit', onExit)
        if (reply.type === expect) resolve(reply as Extract<PeerReply, { type: T }>)
        else reject(new Error(`The bench peer answered ${request.type} with ${JSON.stringify(reply)}.`))
      })
      this.child.send(request)
    })
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null) return
    const exited = new Promise((resolve) => this.child.once('exit', resolve))
    this.child.send({ type: 'exit' } satisfies PeerRequest)
    const timer = setTimeout(() => this.child.kill(), 5_000)
    await exited
    clearTimeout(timer)
  }
}
