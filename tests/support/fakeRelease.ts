import { createHash } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { setTimeout as delay } from 'node:timers/promises'
import zlib from 'node:zlib'
import { Header } from 'tar'
import { ZipFile } from 'yazl'
import { LocalServer } from './localServer.ts'

/**
 * A stand-in for Ollama's GitHub release: `latest` redirects to the tag, the tag to an asset host (as GitHub
 * does), which serves `sha256sum.txt` and archives built at start, with fault injection. The app's real
 * installer downloads from it.
 */
export interface ArchiveFile {
  path: string
  content?: string | Buffer
  mode?: number
  /** Makes the entry a symbolic link (tar only), as the Linux archive's versioned libraries are. */
  linkTo?: string
}

export type ReleaseFault =
  | { kind: 'none' }
  | { kind: 'wrong-checksum' }
  /** 404 for the archive, which `sha256sum.txt` still lists. */
  | { kind: 'missing' }
  | { kind: 'slow'; chunkBytes: number; delayMs: number }
  /** Sends the headers (with the full Content-Length) and this many bytes, then closes the connection. */
  | { kind: 'drop-after'; bytes: number }

export interface FakeReleaseOptions {
  /** The release tag without its `v`. */
  version?: string
  /** Archive name → what it holds; the format follows the name (.tar.zst, .tgz, .zip). */
  assets: Record<string, ArchiveFile[]>
  /** How `sha256sum.txt` names files: `./name` as the real release does, or plain `name`. */
  checksumStyle?: 'dot-slash' | 'plain'
}

export const FAKE_OLLAMA_VERSION = '0.12.6'
export const FAKE_OLLAMA_SCRIPT = `#!/bin/sh\necho "ollama version is ${FAKE_OLLAMA_VERSION}"\n`

/** Each OS's archive layout in miniature: where the executable sits and a library beside it. */
export function fakeOllamaFiles(layout: 'linux' | 'darwin' | 'windows'): ArchiveFile[] {
  if (layout === 'linux') {
    return [
      { path: 'bin/ollama', content: FAKE_OLLAMA_SCRIPT, mode: 0o755 },
      { path: 'lib/ollama/libggml-base.so.0.0.0', content: 'not really a library' },
      { path: 'lib/ollama/libggml-base.so.0', linkTo: 'libggml-base.so.0.0.0' },
    ]
  }
  if (layout === 'darwin') {
    return [
      { path: 'ollama', content: FAKE_OLLAMA_SCRIPT, mode: 0o755 },
      { path: 'libggml-base.dylib', content: 'not really a library' },
    ]
  }
  return [
    { path: 'ollama.exe', content: FAKE_OLLAMA_SCRIPT },
    { path: 'lib/ollama/ggml-base.dll', content: 'not really a library' },
  ]
}

export class FakeRelease {
  fault: ReleaseFault = { kind: 'none' }
  readonly version: string
  /** Request paths, in order. */
  readonly requests: string[] = []
  readonly archives = new Map<string, Buffer>()
  private readonly options: FakeReleaseOptions
  private readonly http = new LocalServer((req, res) => void this.handle(req, res))

  constructor(options: FakeReleaseOptions) {
    this.options = options
    this.version = options.version ?? FAKE_OLLAMA_VERSION
  }

  /** Like https://github.com/ollama/ollama/releases/latest/download/ */
  get latestUrl(): string {
    return `http://127.0.0.1:${this.port}/ollama/releases/latest/download/`
  }

  get port(): number {
    return this.http.port
  }

  /** The same files without redirects or a tag in the address. */
  get plainUrl(): string {
    return `http://127.0.0.1:${this.port}/plain/`
  }

  async start(): Promise<void> {
    for (const [name, files] of Object.entries(this.options.assets)) this.archives.set(name, await buildArchive(name, files))
    await this.http.listen()
  }

  async stop(): Promise<void> {
    await this.http.close()
  }

  archive(name: string): Buffer {
    const archive = this.archives.get(name)
    if (!archive) throw new Error(`no archive ${name}`)
    return archive
  }

  checksumList(): string {
    const prefix = this.options.checksumStyle === 'plain' ? '' : './'
    const files = new Map(this.archives)
    if (this.fault.kind === 'wrong-checksum') for (const name of files.keys()) files.set(name, Buffer.from('something else'))
    files.set('install.sh', Buffer.from('#!/bin/sh\n'))
    return [...files].map(([name, bytes]) => `${createHash('sha256').update(bytes).digest('hex')}  ${prefix}${name}\n`).join('')
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost')
    this.requests.push(url.pathname)
    const file = decodeURIComponent(url.pathname.split('/').pop() ?? '')
    if (url.pathname.startsWith('/ollama/releases/latest/download/'))
      return redirect(res, `/ollama/releases/download/v${this.version}/${file}`)
    if (url.pathname.startsWith(`/ollama/releases/download/v${this.version}/`)) return redirect(res, `/assets/${file}`)
    if (!url.pathname.startsWith('/assets/') && !url.pathname.startsWith('/plain/')) return notFound(res)
    if (file === 'sha256sum.txt') return send(res, Buffer.from(this.checksumList()), 'text/plain')
    const archive = this.archives.get(file)
    if (!archive || this.fault.kind === 'missing') return notFound(res)
    if (this.fault.kind === 'slow') return this.sendSlowly(res, archive, this.fault.chunkBytes, this.fault.delayMs)
    if (this.fault.kind === 'drop-after') {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': archive.length })
      res.write(archive.subarray(0, this.fault.bytes))
      await delay(20)
      return void res.socket?.destroy()
    }
    send(res, archive, 'application/octet-stream')
  }

  private async sendSlowly(res: ServerResponse, bytes: Buffer, chunkBytes: number, delayMs: number): Promise<void> {
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': bytes.length })
    for (let at = 0; at < bytes.length && !res.destroyed; at += chunkBytes) {
      res.write(bytes.subarray(at, at + chunkBytes))
      await delay(delayMs)
    }
    res.end()
  }
}

function redirect(res: ServerResponse, location: string): void {
  res.writeHead(302, { location })
  res.end()
}

function notFound(res: ServerResponse): void {
  res.writeHead(404, { 'content-type': 'text/plain' })
  res.end('Not Found')
}

function send(res: ServerResponse, bytes: Buffer, contentType: string): void {
  res.writeHead(200, { 'content-type': contentType, 'content-length': bytes.length })
  res.end(bytes)
}

async function buildArchive(name: string, files: ArchiveFile[]): Promise<Buffer> {
  if (name.endsWith('.zip')) return buildZip(files)
  const tar = buildTar(files)
  return name.endsWith('.tar.zst') ? zlib.zstdCompressSync(tar) : zlib.gzipSync(tar)
}

/** tar's own Header, entry by entry, so an archive can also hold the unsafe paths `tar.c` would never write. */
function buildTar(files: ArchiveFile[]): Buffer {
  const blocks = files.flatMap((file) => {
    const body = file.linkTo === undefined ? Buffer.from(file.content ?? '') : Buffer.alloc(0)
    const header = Buffer.alloc(512)
    new Header({
      path: file.path,
      type: file.linkTo === undefined ? 'File' : 'SymbolicLink',
      linkpath: file.linkTo,
      mode: file.mode ?? 0o644,
      size: body.length,
      mtime: new Date(),
      uid: 0,
      gid: 0,
    }).encode(header, 0)
    return [header, body, Buffer.alloc((512 - (body.length % 512)) % 512)]
  })
  return Buffer.concat([...blocks, Buffer.alloc(1024)])
}

/** yazl refuses unsafe names, so those are added under a same-length stand-in and patched into the bytes after. */
async function buildZip(files: ArchiveFile[]): Promise<Buffer> {
  const zip = new ZipFile()
  const patches: [string, string][] = []
  for (const file of files) {
    if (file.linkTo !== undefined) throw new Error('zip archives here hold no links')
    const standIn = file.path.replaceAll('..', '__').replace(/^\//, '_')
    if (standIn !== file.path) patches.push([standIn, file.path])
    zip.addBuffer(Buffer.from(file.content ?? ''), standIn, { mode: file.mode ?? 0o644 })
  }
  zip.end()
  const chunks: Buffer[] = []
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer)
  let bytes = Buffer.concat(chunks)
  for (const [standIn, real] of patches) bytes = Buffer.from(bytes.toString('latin1').replaceAll(standIn, real), 'latin1')
  return bytes
}
