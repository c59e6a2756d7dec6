import { execFile } from 'node:child_process'
import { readdir, readFile, readlink } from 'node:fs/promises'
import { connect, createServer } from 'node:net'
import { promisify } from 'node:util'

const run = promisify(execFile)
const execOptions = { timeout: 3_000, windowsHide: true }

/** How far above the preferred port to look before letting the OS pick one. */
const SEARCH_SPAN = 100

function canBind(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer()
    server.once('error', () => resolve(false))
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(true)))
  })
}

/** A port nothing listens on: the first free one above `preferred`, else one the OS picks. */
export async function findFreePort(host = '127.0.0.1', preferred?: number): Promise<number> {
  if (preferred !== undefined) {
    for (let port = preferred + 1; port <= Math.min(preferred + SEARCH_SPAN, 65_535); port++) {
      if (await canBind(host, port)) return port
    }
  }
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen({ host, port: 0, exclusive: true }, () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

/** Whether something accepts TCP connections there, whatever protocol it speaks. */
export function isPortListening(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: timeoutMs })
    const done = (listening: boolean) => {
      socket.destroy()
      resolve(listening)
    }
    socket.once('connect', () => done(true))
    socket.once('timeout', () => done(false))
    socket.once('error', () => done(false))
  })
}

/**
 * Names the program listening on a local TCP port, e.g. `nginx (pid 1234)`, so a port conflict can
 * say who holds the port. Best effort: undefined when the OS won't tell (another user's process).
 */
export async function describePortOwner(port: number, platform: NodeJS.Platform = process.platform): Promise<string | undefined> {
  try {
    if (platform === 'linux') return await ownerFromProc(port)
    if (platform === 'darwin') return parseLsof((await run('lsof', ['-nP', `-iTCP:${port}`, '-sTCP:LISTEN', '-Fpc'], execOptions)).stdout)
    if (platform === 'win32') return await ownerFromNetstat(port)
  } catch {
    // Missing tools, permissions, timeouts: the caller words its message without an owner.
  }
  return undefined
}

/**
 * Inodes of sockets in LISTEN state (0A) on a local port, from the text of /proc/net/tcp or tcp6:
 * `sl local_address rem_address st … uid timeout inode …`, addresses as HEXADDR:HEXPORT.
 */
export function listeningInodes(procNetTcp: string, port: number): string[] {
  const inodes: string[] = []
  for (const line of procNetTcp.split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/)
    const localPort = fields[1]?.split(':')[1]
    const inode = fields[9]
    if (localPort && inode && inode !== '0' && fields[3] === '0A' && parseInt(localPort, 16) === port) inodes.push(inode)
  }
  return inodes
}

async function ownerFromProc(port: number): Promise<string | undefined> {
  const tables = await Promise.all(['/proc/net/tcp', '/proc/net/tcp6'].map((file) => readFile(file, 'utf8').catch(() => '')))
  const sockets = new Set(tables.flatMap((table) => listeningInodes(table, port)).map((inode) => `socket:[${inode}]`))
  if (sockets.size === 0) return undefined
  const pids = (await readdir('/proc')).filter((name) => /^\d+$/.test(name))
  for (const pid of pids) {
    if (await holdsAnyOf(pid, sockets)) {
      const comm = (await readFile(`/proc/${pid}/comm`, 'utf8').catch(() => '')).trim()
      return comm ? `${comm} (pid ${pid})` : `pid ${pid}`
    }
  }
  return undefined
}

async function holdsAnyOf(pid: string, sockets: Set<string>): Promise<boolean> {
  // Other users' fd folders are unreadable without privileges; those processes just don't match.
  const fds = await readdir(`/proc/${pid}/fd`).catch(() => [])
  const targets = await Promise.all(fds.map((fd) => readlink(`/proc/${pid}/fd/${fd}`).catch(() => '')))
  return targets.some((target) => sockets.has(target))
}

/** `lsof -F pc` prints one field per line: `p1234`, then `cnginx`. */
export function parseLsof(output: string): string | undefined {
  const lines = output.split('\n')
  const pid = lines.find((l) => l.startsWith('p'))?.slice(1)
  const command = lines.find((l) => l.startsWith('c'))?.slice(1)
  if (!pid) return undefined
  return command ? `${command} (pid ${pid})` : `pid ${pid}`
}

/** The pid from `netstat -ano -p tcp` rows like `TCP 127.0.0.1:11434 0.0.0.0:0 LISTENING 1234`. */
export function listeningPidFromNetstat(output: string, port: number): string | undefined {
  for (const line of output.split('\n')) {
    const [protocol, local, , state, pid] = line.trim().split(/\s+/)
    if (protocol === 'TCP' && state === 'LISTENING' && local?.endsWith(`:${port}`) && pid) return pid
  }
  return undefined
}

/** The image name from `tasklist /FO CSV /NH`: `"nginx.exe","1234","Console","1","10,000 K"`. */
export function parseTasklist(output: string): string | undefined {
  return /^"([^"]+)"/m.exec(output.trim())?.[1]
}

async function ownerFromNetstat(port: number): Promise<string | undefined> {
  const pid = listeningPidFromNetstat((await run('netstat', ['-ano', '-p', 'tcp'], execOptions)).stdout, port)
  if (!pid) return undefined
  const tasks = await run('tasklist', ['/FI', `PID eq ${pid}`, '/FO', 'CSV', '/NH'], execOptions).catch(() => ({ stdout: '' }))
  const name = parseTasklist(tasks.stdout)
  return name ? `${name} (pid ${pid})` : `pid ${pid}`
}
