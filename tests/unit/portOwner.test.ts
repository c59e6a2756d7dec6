import { createServer, type AddressInfo, type Server } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import {
  describePortOwner,
  findFreePort,
  isPortListening,
  listeningInodes,
  listeningPidFromNetstat,
  parseLsof,
  parseTasklist,
} from '../../src/main/ollama/portOwner.ts'

const servers: Server[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))))
})

async function listen(port = 0): Promise<number> {
  const server = createServer()
  servers.push(server)
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => resolve())
  })
  return (server.address() as AddressInfo).port
}

// 11434 = 0x2CAA. A listener on 127.0.0.1 and one on all interfaces, a connection (01) on the
// same port, and a listener on another port.
const PROC_NET_TCP = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0100007F:2CAA 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 481516 1 0000000000000000 100 0 0 10 0
   1: 00000000:2CAA 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 2342 1 0000000000000000 100 0 0 10 0
   2: 0100007F:2CAA 0100007F:D431 01 00000000:00000000 00:00000000 00000000  1000        0 777 1 0000000000000000 20 4 30 10 -1
   3: 0100007F:0050 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 999 1 0000000000000000 100 0 0 10 0
`

describe('listeningInodes', () => {
  it('finds the inodes of LISTEN sockets on the port and nothing else', () => {
    expect(listeningInodes(PROC_NET_TCP, 11434)).toEqual(['481516', '2342'])
    expect(listeningInodes(PROC_NET_TCP, 80)).toEqual(['999'])
    expect(listeningInodes(PROC_NET_TCP, 11435)).toEqual([])
  })

  it('reads the IPv6 table the same way', () => {
    const tcp6 = `  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 00000000000000000000000001000000:2CAA 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 31337 1 0000000000000000 100 0 0 10 0
`
    expect(listeningInodes(tcp6, 11434)).toEqual(['31337'])
  })
})

describe('owner parsers for macOS and Windows', () => {
  it('reads lsof -F pc', () => {
    expect(parseLsof('p1234\ncnginx\nf6\n')).toBe('nginx (pid 1234)')
    expect(parseLsof('')).toBeUndefined()
  })

  it('reads the listening pid from netstat -ano and the image name from tasklist', () => {
    const netstat = [
      'Active Connections',
      '',
      '  Proto  Local Address          Foreign Address        State           PID',
      '  TCP    127.0.0.1:11434        127.0.0.1:50000        ESTABLISHED     4321',
      '  TCP    127.0.0.1:11434        0.0.0.0:0              LISTENING       1234',
      '  TCP    0.0.0.0:114340         0.0.0.0:0              LISTENING       9',
    ].join('\r\n')
    expect(listeningPidFromNetstat(netstat, 11434)).toBe('1234')
    expect(listeningPidFromNetstat(netstat, 8080)).toBeUndefined()
    expect(parseTasklist('"nginx.exe","1234","Console","1","10,000 K"\r\n')).toBe('nginx.exe')
    expect(parseTasklist('INFO: No tasks are running which match the specified criteria.')).toBeUndefined()
  })
})

describe('ports on this machine', () => {
  it.runIf(process.platform === 'linux')('names this process as the owner of a port it listens on', async () => {
    const port = await listen()
    expect(await describePortOwner(port)).toMatch(new RegExp(`^\\S+ \\(pid ${process.pid}\\)$`))
  })

  it('has no owner for a port nobody listens on', async () => {
    const port = await findFreePort()
    expect(await describePortOwner(port)).toBeUndefined()
  })

  it('tells a listening port from a free one', async () => {
    const port = await listen()
    expect(await isPortListening('127.0.0.1', port, 1_000)).toBe(true)
    const free = await findFreePort()
    expect(await isPortListening('127.0.0.1', free, 1_000)).toBe(false)
  })

  it('suggests the next free port above the preferred one, skipping taken ones', async () => {
    const base = await findFreePort()
    const taken = await listen(await findFreePort('127.0.0.1', base))
    const suggested = await findFreePort('127.0.0.1', base)
    expect(suggested).toBeGreaterThan(taken)
    expect(suggested).toBeLessThanOrEqual(base + 100)
    expect(await isPortListening('127.0.0.1', suggested, 1_000)).toBe(false)
  })
})
