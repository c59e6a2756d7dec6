import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, readdir, readFile, readlink, rm, stat, symlink, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterEach, describe, expect, it } from 'vitest'
import type { InstallProgress } from '../../src/shared/domain/install.ts'
import { findManagedOllama, installOllama, type InstallOptions } from '../../src/main/ollama/install/installOllama.ts'
import { FAKE_OLLAMA_SCRIPT, FakeRelease, fakeOllamaFiles, type ArchiveFile, type FakeReleaseOptions } from '../support/fakeRelease.ts'
import { useTempDirs } from '../support/tempDir.ts'

const tempDir = useTempDirs()
const releases: FakeRelease[] = []
const posix = process.platform !== 'win32'
const LINUX_ZST = 'ollama-linux-amd64.tar.zst'

afterEach(async () => {
  await Promise.all(releases.splice(0).map((release) => release.stop()))
})

async function startRelease(options: FakeReleaseOptions = { assets: { [LINUX_ZST]: fakeOllamaFiles('linux') } }): Promise<FakeRelease> {
  const release = new FakeRelease(options)
  await release.start()
  releases.push(release)
  return release
}

/** Every file (not folder) under `dir`, relative and '/'-separated. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return entries
    .filter((entry) => !entry.isDirectory())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort()
}

async function install(release: FakeRelease, options: Partial<InstallOptions> = {}) {
  const dataDir = options.dataDir ?? (await tempDir())
  const progress: InstallProgress[] = []
  const result = installOllama({
    dataDir,
    baseUrl: release.latestUrl,
    platform: 'linux',
    arch: 'x64',
    onProgress: (p) => progress.push(p),
    ...options,
  })
  return { dataDir, progress, result }
}

async function runVersion(executable: string): Promise<string> {
  const { stdout } = await promisify(execFile)(executable, ['--version'])
  return stdout.trim()
}

describe('installOllama', () => {
  it('installs the Linux x64 archive of the latest release, pinned to its tag', async () => {
    const release = await startRelease()
    const { dataDir, progress, result } = await install(release)
    const installed = await result
    const dir = path.join(dataDir, 'ollama', '0.12.6')
    expect(installed).toEqual({ executable: path.join(dir, 'bin', 'ollama'), version: '0.12.6', dir })
    if (posix) {
      expect((await stat(installed.executable)).mode & 0o111).toBe(0o111)
      expect(await runVersion(installed.executable)).toBe('ollama version is 0.12.6')
      expect(await readlink(path.join(dir, 'lib/ollama/libggml-base.so.0'))).toBe('libggml-base.so.0.0.0')
    }
    expect(release.requests).toContain(`/ollama/releases/download/v0.12.6/${LINUX_ZST}`)
    expect(await filesUnder(dataDir)).toEqual([
      'ollama/0.12.6/bin/ollama',
      'ollama/0.12.6/lib/ollama/libggml-base.so.0',
      'ollama/0.12.6/lib/ollama/libggml-base.so.0.0.0',
      'ollama/installed.json',
    ])
    expect(await findManagedOllama(dataDir, 'linux')).toBe(installed.executable)

    const size = release.archive(LINUX_ZST).length
    expect(progress[0]).toEqual({ phase: 'checksum', receivedBytes: 0 })
    expect(progress.at(-1)).toEqual({ phase: 'done', receivedBytes: size, totalBytes: size })
    expect(progress.map((p) => p.phase).filter((phase, i, all) => phase !== all[i - 1])).toEqual([
      'checksum',
      'downloading',
      'verifying',
      'unpacking',
      'done',
    ])
  })

  it('falls back to the .tgz older releases publish, and names the folder "current" when the URL has no tag', async () => {
    const release = await startRelease({ assets: { 'ollama-linux-arm64.tgz': fakeOllamaFiles('linux') }, checksumStyle: 'plain' })
    const { dataDir, result } = await install(release, { baseUrl: release.plainUrl, arch: 'arm64' })
    const dir = path.join(dataDir, 'ollama', 'current')
    expect(await result).toEqual({ executable: path.join(dir, 'bin', 'ollama'), dir })
    if (posix) expect(await runVersion(path.join(dir, 'bin', 'ollama'))).toBe('ollama version is 0.12.6')
    expect(await findManagedOllama(dataDir, 'linux')).toBe(path.join(dir, 'bin', 'ollama'))
  })

  it('installs the universal macOS archive, whose executable sits at its top', async () => {
    const release = await startRelease({ assets: { 'ollama-darwin.tgz': fakeOllamaFiles('darwin') } })
    const { dataDir, result } = await install(release, { platform: 'darwin', arch: 'arm64' })
    const installed = await result
    expect(installed.executable).toBe(path.join(dataDir, 'ollama', '0.12.6', 'ollama'))
    expect(await filesUnder(installed.dir)).toEqual(['libggml-base.dylib', 'ollama'])
    if (posix) expect(await runVersion(installed.executable)).toBe('ollama version is 0.12.6')
  })

  it('installs the Windows zip with ollama.exe at its top and its libraries in lib/ollama', async () => {
    const release = await startRelease({ assets: { 'ollama-windows-amd64.zip': fakeOllamaFiles('windows') } })
    const { dataDir, result } = await install(release, { platform: 'win32', arch: 'x64' })
    const installed = await result
    expect(installed.executable).toBe(path.join(dataDir, 'ollama', '0.12.6', 'ollama.exe'))
    expect(await readFile(installed.executable, 'utf8')).toBe(FAKE_OLLAMA_SCRIPT)
    expect(await filesUnder(installed.dir)).toEqual(['lib/ollama/ggml-base.dll', 'ollama.exe'])
    expect(await findManagedOllama(dataDir, 'win32')).toBe(installed.executable)
  })

  it('reports download progress at most about ten times a second, growing up to the archive size', async () => {
    const files: ArchiveFile[] = [...fakeOllamaFiles('linux'), { path: 'lib/ollama/padding.bin', content: randomBytes(192 * 1024) }]
    const release = await startRelease({ assets: { [LINUX_ZST]: files } })
    release.fault = { kind: 'slow', chunkBytes: 4096, delayMs: 8 }
    const startedAt = Date.now()
    const { progress, result } = await install(release)
    await result
    const seconds = (Date.now() - startedAt) / 1000
    const downloading = progress.filter((p) => p.phase === 'downloading')
    const size = release.archive(LINUX_ZST).length
    expect(downloading.length).toBeGreaterThan(2)
    expect(downloading.length).toBeLessThanOrEqual(Math.ceil(seconds * 10) + 2)
    expect(progress.length).toBeLessThanOrEqual(Math.ceil(seconds * 10) + 6)
    const received = downloading.map((p) => p.receivedBytes)
    expect(received).toEqual([...received].sort((a, b) => a - b))
    expect(downloading.every((p) => p.totalBytes === size)).toBe(true)
    expect(downloading.at(-1)?.receivedBytes).toBe(size)
    expect(downloading.some((p) => (p.bytesPerSecond ?? 0) > 0)).toBe(true)
    expect(progress.at(-1)).toEqual({ phase: 'done', receivedBytes: size, totalBytes: size })
  })

  it('deletes a download that does not match the published checksum', async () => {
    const release = await startRelease()
    release.fault = { kind: 'wrong-checksum' }
    const { dataDir, result } = await install(release)
    await expect(result).rejects.toMatchObject({
      message: 'The downloaded file does not match the published checksum, so it was deleted.',
      retryable: true,
    })
    expect(await filesUnder(dataDir)).toEqual([])
    expect(await findManagedOllama(dataDir, 'linux')).toBeUndefined()
  })

  it('says there is no release for this OS when the archive is missing', async () => {
    const release = await startRelease()
    release.fault = { kind: 'missing' }
    const { dataDir, result } = await install(release)
    await expect(result).rejects.toMatchObject({ message: 'There is no Ollama release for Linux on x64.' })
    expect(await filesUnder(dataDir)).toEqual([])
  })

  it('says there is no release for this OS when the checksum list has no archive for it, before downloading anything', async () => {
    const release = await startRelease()
    const { dataDir, result } = await install(release, { arch: 'arm64' })
    await expect(result).rejects.toMatchObject({ message: 'There is no Ollama release for Linux on arm64.' })
    expect(release.requests.filter((p) => p.includes('ollama-linux'))).toEqual([])
    expect(await filesUnder(dataDir)).toEqual([])
  })

  it('stops and deletes the partial download when cancelled mid-download', async () => {
    const files: ArchiveFile[] = [...fakeOllamaFiles('linux'), { path: 'lib/ollama/padding.bin', content: randomBytes(128 * 1024) }]
    const release = await startRelease({ assets: { [LINUX_ZST]: files } })
    release.fault = { kind: 'slow', chunkBytes: 1024, delayMs: 10 }
    const controller = new AbortController()
    const dataDir = await tempDir()
    const partial = path.join(dataDir, 'ollama', 'download', `${LINUX_ZST}.part`)
    let sawPartial = false
    const result = installOllama({
      dataDir,
      baseUrl: release.latestUrl,
      platform: 'linux',
      arch: 'x64',
      signal: controller.signal,
      onProgress: (p) => {
        if (p.phase !== 'downloading' || p.receivedBytes < 8 * 1024) return
        sawPartial ||= existsSync(partial)
        controller.abort()
      },
    })
    await expect(result).rejects.toMatchObject({ code: 'CANCELLED' })
    expect(sawPartial).toBe(true)
    expect(await filesUnder(dataDir)).toEqual([])
  })

  it('does nothing when cancelled before it starts', async () => {
    const release = await startRelease()
    const { dataDir, result } = await install(release, { signal: AbortSignal.abort() })
    await expect(result).rejects.toMatchObject({ code: 'CANCELLED' })
    expect(release.requests).toEqual([])
    expect(await filesUnder(dataDir)).toEqual([])
  })

  it('reports a dropped connection as an interrupted download and keeps nothing', async () => {
    const files: ArchiveFile[] = [...fakeOllamaFiles('linux'), { path: 'lib/ollama/padding.bin', content: randomBytes(64 * 1024) }]
    const release = await startRelease({ assets: { [LINUX_ZST]: files } })
    release.fault = { kind: 'drop-after', bytes: 16 * 1024 }
    const { dataDir, result } = await install(release)
    await expect(result).rejects.toMatchObject({ message: 'The Ollama download was interrupted before it finished.', retryable: true })
    expect(await filesUnder(dataDir)).toEqual([])
  })

  it('says so when the download server cannot be reached', async () => {
    const release = await startRelease()
    const { latestUrl } = release
    await release.stop()
    const { dataDir, result } = await install(release, { baseUrl: latestUrl })
    await expect(result).rejects.toMatchObject({ message: 'Could not reach the Ollama download server (127.0.0.1:' + release.port + ').' })
    expect(await filesUnder(dataDir)).toEqual([])
  })

  it('says which address failed when the release is not there', async () => {
    const release = await startRelease()
    const { result } = await install(release, { baseUrl: `http://127.0.0.1:${release.port}/nowhere/` })
    await expect(result).rejects.toMatchObject({
      message: `The Ollama download server answered 404 for http://127.0.0.1:${release.port}/nowhere/sha256sum.txt.`,
    })
  })

  it('still installs with a fetch that hides redirects, without learning the version', async () => {
    const release = await startRelease()
    const browserStyleFetch: typeof fetch = async (input, init) => {
      if (init?.redirect !== 'manual') return fetch(input, init)
      return { type: 'opaqueredirect', status: 0, ok: false, headers: new Headers(), body: null } as unknown as Response
    }
    const { dataDir, result } = await install(release, { fetchImpl: browserStyleFetch })
    const dir = path.join(dataDir, 'ollama', 'current')
    expect(await result).toEqual({ executable: path.join(dir, 'bin', 'ollama'), dir })
    expect(release.requests).toContain(`/ollama/releases/latest/download/${LINUX_ZST}`)
  })

  it.each([
    ['a tar entry with ..', 'ollama-linux-amd64.tgz', '../escaped.txt'],
    ['a tar entry with an absolute path', 'ollama-linux-amd64.tgz', '/escaped.txt'],
    ['a zip entry with ..', 'ollama-windows-amd64.zip', '../escaped.txt'],
    ['a zip entry with an absolute path', 'ollama-windows-amd64.zip', '/escaped.txt'],
  ])('refuses an archive with %s and installs nothing', async (_case, name, unsafePath) => {
    const layout = name.endsWith('.zip') ? 'windows' : 'linux'
    const release = await startRelease({ assets: { [name]: [...fakeOllamaFiles(layout), { path: unsafePath, content: 'escaped' }] } })
    const { dataDir, result } = await install(release, { platform: layout === 'windows' ? 'win32' : 'linux' })
    await expect(result).rejects.toMatchObject({ message: expect.stringMatching(/would land outside its folder/), retryable: false })
    expect(await filesUnder(dataDir)).toEqual([])
    expect(existsSync(path.join(dataDir, 'ollama', 'escaped.txt'))).toBe(false)
  })

  it.skipIf(!existsSync('/dev/full'))('names the folder when the disk is full', async () => {
    const release = await startRelease()
    const dataDir = await tempDir()
    await mkdir(path.join(dataDir, 'ollama', 'download'), { recursive: true })
    // Writes to /dev/full fail with ENOSPC, as they would on a full disk.
    await symlink('/dev/full', path.join(dataDir, 'ollama', 'download', `${LINUX_ZST}.part`))
    const { result } = await install(release, { dataDir })
    await expect(result).rejects.toMatchObject({
      code: 'DISK_FULL',
      message: `There is not enough free disk space in ${path.join(dataDir, 'ollama')}.`,
    })
    expect(await filesUnder(dataDir)).toEqual([])
  })

  it('names the folder it cannot write to', async () => {
    const release = await startRelease()
    const dataDir = await tempDir()
    await writeFile(path.join(dataDir, 'ollama'), 'a file where the folder should be')
    const { result } = await install(release, { dataDir })
    await expect(result).rejects.toMatchObject({
      message: expect.stringContaining(`Could not write Ollama's files in ${path.join(dataDir, 'ollama')}`),
    })
  })

  it('replaces an earlier install of the same version', async () => {
    const release = await startRelease()
    const dataDir = await tempDir()
    const first = await (await install(release, { dataDir })).result
    await writeFile(path.join(first.dir, 'left-over.txt'), 'from before')
    const second = await (await install(release, { dataDir })).result
    expect(second).toEqual(first)
    expect(await filesUnder(path.join(dataDir, 'ollama'))).toEqual([
      '0.12.6/bin/ollama',
      '0.12.6/lib/ollama/libggml-base.so.0',
      '0.12.6/lib/ollama/libggml-base.so.0.0.0',
      'installed.json',
    ])
  })
})

describe('findManagedOllama', () => {
  it('finds nothing before an install', async () => {
    expect(await findManagedOllama(await tempDir(), 'linux')).toBeUndefined()
  })

  it('finds nothing once the executable is gone', async () => {
    const release = await startRelease()
    const { dataDir, result } = await install(release)
    await rm((await result).executable)
    expect(await findManagedOllama(dataDir, 'linux')).toBeUndefined()
  })
})
