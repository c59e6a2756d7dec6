import { createHash, randomUUID } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { access, chmod, constants, mkdir, rename, rm } from 'node:fs/promises'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import zlib from 'node:zlib'
import { extract as untar } from 'tar'
import { openPromise as openZip } from 'yauzl'
import { z } from 'zod'
import { AppError } from '../../../shared/ipc/errors.ts'
import { readJson, writeJsonAtomic } from '../../storage/jsonFile.ts'
import { ProgressThrottle } from '../progressThrottle.ts'
import type { InstallProgress } from '../../../shared/domain/install.ts'
import {
  archiveFormat,
  CHECKSUM_FILE,
  DEFAULT_RELEASE_BASE_URL,
  noReleaseFor,
  parseChecksums,
  releaseAssetFor,
  releaseFileUrl,
  releaseVersionOf,
  type ArchiveFormat,
} from './releaseAsset.ts'

export interface InstallOptions {
  /** The app's data folder; the install lives in its `ollama/`. */
  dataDir: string
  /** The release folder holding the archives and `sha256sum.txt`; default: GitHub's latest release. */
  baseUrl?: string
  platform?: NodeJS.Platform
  arch?: string
  signal?: AbortSignal
  onProgress?(progress: InstallProgress): void
  fetchImpl?: typeof fetch
}

export interface ManagedOllama {
  executable: string
  /** Known when the release URL names its tag (GitHub's latest-release redirect does). */
  version?: string
  dir: string
}

const INSTALLED_FILE = 'installed.json'
const InstalledRecord = z.object({ dir: z.string(), executable: z.string(), version: z.string().optional() })
const MAX_REDIRECTS = 10
const SPEED_WINDOW_MS = 5_000
/** What strict tar raises for an entry it will not write: '..' or too deep (ERROR), an absolute path (INFO). */
const TAR_REFUSALS = new Set(['TAR_ENTRY_ERROR', 'TAR_ENTRY_INFO'])

interface Job {
  platform: string
  arch: string
  signal: AbortSignal
  fetchImpl: typeof fetch
  progress: InstallReporter
}

interface Release {
  /** The tagged folder the checksum list came from: the archive is fetched from there too, so both are of one release. */
  base: URL
  version: string | undefined
  checksums: Map<string, string>
}

/**
 * Downloads the official Ollama archive for this computer into `<dataDir>/ollama/`, checks it against the
 * release's SHA-256 list and unpacks it. Needs no admin rights and runs nothing. Whatever happens, no partial
 * download or half-unpacked folder is left behind.
 */
export async function installOllama(options: InstallOptions): Promise<ManagedOllama> {
  const platform = options.platform ?? process.platform
  const arch = options.arch ?? process.arch
  const asset = releaseAssetFor(platform, arch)
  const root = path.join(options.dataDir, 'ollama')
  const signal = options.signal ?? new AbortController().signal
  const progress = new InstallReporter(options.onProgress)
  const job: Job = { platform, arch, signal, fetchImpl: options.fetchImpl ?? fetch, progress }
  const scratch: string[] = []
  try {
    signal.throwIfAborted()
    progress.report({ phase: 'checksum', receivedBytes: 0 })
    const release = await fetchRelease(job, options.baseUrl ?? DEFAULT_RELEASE_BASE_URL)
    const name = asset.archives.find((candidate) => release.checksums.has(candidate))
    if (!name) throw noReleaseFor(platform, arch)
    const format = archiveFormat(name)
    if (format === 'tar.zst' && typeof zlib.createZstdDecompress !== 'function') throw zstdMissing()

    const part = path.join(root, 'download', `${name}.part`)
    scratch.push(part)
    const { sha256, size } = await download(job, releaseFileUrl(release.base, name), part)
    progress.report({ phase: 'verifying', receivedBytes: size, totalBytes: size })
    if (sha256 !== release.checksums.get(name)) throw checksumMismatch()

    progress.report({ phase: 'unpacking', receivedBytes: size, totalBytes: size })
    const staging = path.join(root, `.staging-${randomUUID()}`)
    scratch.push(staging)
    await unpack(part, format, staging, signal)
    await prepareExecutable(path.join(staging, asset.executable), platform, asset.executable)
    const dir = path.join(root, release.version ?? 'current')
    await moveIntoPlace(staging, dir)
    await writeJsonAtomic(path.join(root, INSTALLED_FILE), {
      dir: path.basename(dir),
      executable: asset.executable,
      version: release.version,
    })

    progress.report({ phase: 'done', receivedBytes: size, totalBytes: size })
    const installed: ManagedOllama = { executable: path.join(dir, asset.executable), dir }
    if (release.version) installed.version = release.version
    return installed
  } catch (error) {
    throw toInstallError(error, progress.phase, signal, root)
  } finally {
    progress.close()
    // Settled, not all: a failed clean-up must not hide why the install failed.
    await Promise.allSettled(scratch.map((file) => rm(file, { recursive: true, force: true })))
  }
}

/** The executable of the last managed install, if it is still there. */
export async function findManagedOllama(dataDir: string, platform: NodeJS.Platform = process.platform): Promise<string | undefined> {
  const root = path.join(dataDir, 'ollama')
  const read = await readJson(path.join(root, INSTALLED_FILE))
  const record = read.kind === 'ok' ? InstalledRecord.safeParse(read.value) : undefined
  if (!record?.success) return undefined
  const executable = path.join(root, record.data.dir, record.data.executable)
  try {
    await access(executable, platform === 'win32' ? constants.F_OK : constants.X_OK)
    return executable
  } catch {
    return undefined
  }
}

/** Fetches the checksum list, following redirects by hand to learn the release tag GitHub's `latest` points at. */
async function fetchRelease(job: Job, baseUrl: string): Promise<Release> {
  let url = releaseFileUrl(baseUrl, CHECKSUM_FILE)
  let base = new URL('.', url)
  let version = releaseVersionOf(url)
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const response = await request(job, url, 'manual')
    // Browser-style fetches (Electron's net.fetch) hide redirects: follow them blindly, without learning the tag.
    if (response.type === 'opaqueredirect') return { base, version, checksums: await readChecksums(await request(job, url), url) }
    const location = response.headers.get('location')
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel()
      url = new URL(location, url)
      const tagged = releaseVersionOf(url)
      if (tagged) {
        base = new URL('.', url)
        version = tagged
      }
      continue
    }
    return { base, version, checksums: await readChecksums(response, url) }
  }
  throw installError(`The Ollama download server redirected more than ${MAX_REDIRECTS} times.`, 'Try again later.', true)
}

async function readChecksums(response: Response, url: URL): Promise<Map<string, string>> {
  if (!response.ok) throw badStatus(url, response.status)
  const checksums = parseChecksums(await response.text())
  if (checksums.size === 0) throw installError(`${url.href} is not a checksum list.`, 'Check the download address.', false)
  return checksums
}

async function request(job: Job, url: URL, redirect: RequestInit['redirect'] = 'follow'): Promise<Response> {
  try {
    return await job.fetchImpl(url, { signal: job.signal, redirect })
  } catch (error) {
    if (job.signal.aborted) throw error
    throw unreachable(url, error)
  }
}

/** Streams the archive to `file`, hashing it on the way, so it is read once. */
async function download(job: Job, url: URL, file: string): Promise<{ sha256: string; size: number }> {
  const response = await request(job, url)
  if (response.status === 404) throw noReleaseFor(job.platform, job.arch)
  if (!response.ok || !response.body) throw badStatus(url, response.status)
  const total = Number(response.headers.get('content-length')) || undefined
  const hash = createHash('sha256')
  let received = 0
  await mkdir(path.dirname(file), { recursive: true })
  job.progress.downloading(received, total)
  await pipeline(
    response.body,
    async function* (chunks: AsyncIterable<Uint8Array>) {
      for await (const chunk of chunks) {
        hash.update(chunk)
        received += chunk.byteLength
        job.progress.downloading(received, total)
        yield chunk
      }
    },
    createWriteStream(file),
    { signal: job.signal },
  )
  return { sha256: hash.digest('hex'), size: received }
}

async function unpack(archive: string, format: ArchiveFormat, dest: string, signal: AbortSignal): Promise<void> {
  await mkdir(dest, { recursive: true })
  try {
    if (format === 'zip') await unzip(archive, dest, signal)
    // strict: an entry tar refuses ('..', an absolute path) fails the unpack instead of being skipped with a warning.
    else await pipeline(createReadStream(archive), untar({ cwd: dest, strict: true }), { signal })
  } catch (error) {
    const unsafe = unsafeEntryOf(error)
    throw unsafe === undefined ? error : unsafeEntry(unsafe)
  }
}

/** yauzl refuses entry names that are absolute or contain '..' before they reach us. */
async function unzip(archive: string, dest: string, signal: AbortSignal): Promise<void> {
  const zip = await openZip(archive)
  for await (const entry of zip.eachEntry()) {
    const target = path.join(dest, entry.fileName)
    if (entry.fileName.endsWith('/')) {
      await mkdir(target, { recursive: true })
      continue
    }
    await mkdir(path.dirname(target), { recursive: true })
    await pipeline(await zip.openReadStreamPromise(entry), createWriteStream(target), { signal })
  }
}

/** The name of the entry tar or yauzl refused for leaving the folder, if that is what `error` is. */
function unsafeEntryOf(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined
  const refused = error as Error & { tarCode?: string; code?: string; path?: string; linkpath?: string }
  // tar also reports failed writes as TAR_ENTRY_ERROR, but with the file system's code.
  if (TAR_REFUSALS.has(refused.tarCode ?? '') && refused.code === refused.tarCode) return refused.path ?? refused.linkpath ?? error.message
  return /^(?:absolute path|invalid relative path): (.+)$/.exec(error.message)?.[1]
}

async function prepareExecutable(file: string, platform: string, name: string): Promise<void> {
  try {
    // A zip made on Windows carries no mode bits, and the POSIX archives may lose them to a umask.
    if (platform === 'win32') await access(file)
    else await chmod(file, 0o755)
  } catch (error) {
    if (errnoOf(error) === 'ENOENT') throw missingExecutable(name)
    throw error
  }
}

/** Renames the unpacked folder into place, so the install folder is never half-written; a copy it replaces is removed after. */
async function moveIntoPlace(staging: string, target: string): Promise<void> {
  const previous = path.join(path.dirname(target), `.previous-${randomUUID()}`)
  const replacing = await rename(target, previous).then(
    () => true,
    (error: unknown) => {
      if (errnoOf(error) === 'ENOENT') return false
      throw error
    },
  )
  try {
    await rename(staging, target)
  } catch (error) {
    if (replacing) await rename(previous, target)
    throw error
  }
  if (replacing) await rm(previous, { recursive: true, force: true })
}

/** At most 10 reports a second (the last of each phase always arrives); the speed is measured over the last 5 s. */
class InstallReporter {
  phase: InstallProgress['phase'] = 'checksum'
  private readonly throttle: ProgressThrottle<InstallProgress>
  private readonly samples: { at: number; bytes: number }[] = []

  constructor(onProgress: InstallOptions['onProgress']) {
    this.throttle = new ProgressThrottle((progress) => onProgress?.(progress), { distinct: (a, b) => a.phase !== b.phase })
  }

  report(progress: InstallProgress): void {
    this.phase = progress.phase
    this.throttle.push(progress)
  }

  downloading(receivedBytes: number, totalBytes: number | undefined): void {
    const now = Date.now()
    const last = this.samples.at(-1)
    if (!last || now - last.at >= 100) this.samples.push({ at: now, bytes: receivedBytes })
    while (this.samples.length > 2 && now - (this.samples[1]?.at ?? now) >= SPEED_WINDOW_MS) this.samples.shift()
    const first = this.samples[0] ?? { at: now, bytes: receivedBytes }
    const progress: InstallProgress = { phase: 'downloading', receivedBytes, totalBytes }
    if (now > first.at) progress.bytesPerSecond = Math.round(((receivedBytes - first.bytes) * 1000) / (now - first.at))
    this.report(progress)
  }

  close(): void {
    this.throttle.close()
  }
}

function errnoOf(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined
}

function toInstallError(error: unknown, phase: InstallProgress['phase'], signal: AbortSignal, root: string): AppError {
  if (signal.aborted) return new AppError({ code: 'CANCELLED', message: 'The Ollama install was cancelled.' }, { cause: error })
  if (error instanceof AppError) return error
  const detail = error instanceof Error ? error.message : String(error)
  // Only the file system's errors carry a syscall; stream and network errors have codes of their own.
  if (error instanceof Error && 'syscall' in error) {
    if (errnoOf(error) === 'ENOSPC') return diskFull(root, error)
    return installError(
      `Could not write Ollama's files in ${root}: ${detail}`,
      'Check that the folder is writable, then try again.',
      true,
      error,
    )
  }
  if (phase === 'downloading') {
    return installError('The Ollama download was interrupted before it finished.', 'Check the connection and try again.', true, error)
  }
  return installError(`Installing Ollama failed: ${detail}`, 'Try again.', true, error)
}

// Install failures have no ErrorCode of their own yet; until they do, INTERNAL with a message that says what happened.
function installError(message: string, hint: string, retryable: boolean, cause?: unknown): AppError {
  return new AppError({ code: 'INSTALL_FAILED', message, hint, retryable }, { cause })
}

function unreachable(url: URL, cause: unknown): AppError {
  return installError(
    `Could not reach the Ollama download server (${url.host}).`,
    'Check the internet connection and proxy, then try again.',
    true,
    cause,
  )
}

function badStatus(url: URL, status: number): AppError {
  return installError(`The Ollama download server answered ${status} for ${url.href}.`, 'Try again later.', status >= 500 || status === 429)
}

function checksumMismatch(): AppError {
  return installError(
    'The downloaded file does not match the published checksum, so it was deleted.',
    'It was damaged or altered on the way. Try again; if it keeps happening, a proxy may be changing downloads.',
    true,
  )
}

function diskFull(folder: string, cause: unknown): AppError {
  return new AppError(
    {
      code: 'DISK_FULL',
      message: `There is not enough free disk space in ${folder}.`,
      hint: 'Ollama needs a few gigabytes for its download and files. Free some space and try again.',
      retryable: true,
    },
    { cause },
  )
}

function unsafeEntry(name: string): AppError {
  return installError(
    `The Ollama archive has a file that would land outside its folder (${name}), so nothing was installed.`,
    'This is not a genuine Ollama release. Check the download address.',
    false,
  )
}

function missingExecutable(name: string): AppError {
  return installError(
    `The Ollama archive has no ${name}.`,
    'This release is laid out differently than expected; install Ollama yourself.',
    false,
  )
}

function zstdMissing(): AppError {
  return installError(
    'This Ollama release is compressed with zstd, which this Node.js cannot unpack.',
    'Use Node.js 22.15 or newer, or the desktop app.',
    false,
  )
}
