import { describe, expect, it } from 'vitest'
import {
  archiveFormat,
  parseChecksums,
  releaseAssetFor,
  releaseFileUrl,
  releaseVersionOf,
} from '../../src/main/ollama/install/releaseAsset.ts'
import { AppError } from '../../src/shared/ipc/errors.ts'

const HASH_A = 'a'.repeat(64)
const HASH_B = 'B'.repeat(64)

describe('releaseAssetFor', () => {
  it.each([
    ['linux', 'x64', ['ollama-linux-amd64.tar.zst', 'ollama-linux-amd64.tgz'], 'bin/ollama'],
    ['linux', 'arm64', ['ollama-linux-arm64.tar.zst', 'ollama-linux-arm64.tgz'], 'bin/ollama'],
    ['darwin', 'arm64', ['ollama-darwin.tgz'], 'ollama'],
    ['darwin', 'x64', ['ollama-darwin.tgz'], 'ollama'],
    ['win32', 'x64', ['ollama-windows-amd64.zip'], 'ollama.exe'],
    ['win32', 'arm64', ['ollama-windows-arm64.zip'], 'ollama.exe'],
  ])('%s %s → %j with %s', (platform, arch, archives, executable) => {
    expect(releaseAssetFor(platform, arch)).toEqual({ archives, executable })
  })

  it.each([
    ['freebsd', 'x64', 'There is no Ollama release for freebsd on x64.'],
    ['linux', 'ia32', 'There is no Ollama release for Linux on ia32.'],
    ['win32', 'ia32', 'There is no Ollama release for Windows on ia32.'],
  ])('refuses %s %s with a clear message', (platform, arch, message) => {
    const error = (() => {
      try {
        releaseAssetFor(platform, arch)
      } catch (thrown) {
        return thrown
      }
    })()
    expect(error).toBeInstanceOf(AppError)
    expect(error).toMatchObject({ message, retryable: false })
    expect((error as AppError).hint).toMatch(/ollama\.com/)
  })
})

describe('archiveFormat', () => {
  it.each([
    ['ollama-linux-amd64.tar.zst', 'tar.zst'],
    ['ollama-linux-amd64.tgz', 'tgz'],
    ['ollama-darwin.tgz', 'tgz'],
    ['ollama-windows-arm64.zip', 'zip'],
  ])('%s is %s', (name, format) => {
    expect(archiveFormat(name)).toBe(format)
  })
})

describe('release URLs', () => {
  it('puts file names under the base, with or without its trailing slash', () => {
    expect(releaseFileUrl('https://example.com/r/download/', 'sha256sum.txt').href).toBe('https://example.com/r/download/sha256sum.txt')
    expect(releaseFileUrl('https://example.com/r/download', 'sha256sum.txt').href).toBe('https://example.com/r/download/sha256sum.txt')
  })

  it('reads the version from a tagged GitHub download URL', () => {
    expect(releaseVersionOf(new URL('https://github.com/ollama/ollama/releases/download/v0.12.6/sha256sum.txt'))).toBe('0.12.6')
    expect(releaseVersionOf(new URL('https://github.com/ollama/ollama/releases/download/v0.14.0-rc1/a.tgz'))).toBe('0.14.0-rc1')
  })

  it('finds no version where the URL names none', () => {
    expect(releaseVersionOf(new URL('https://github.com/ollama/ollama/releases/latest/download/sha256sum.txt'))).toBeUndefined()
    expect(releaseVersionOf(new URL('https://release-assets.example.com/abc?name=sha256sum.txt'))).toBeUndefined()
    expect(releaseVersionOf(new URL('https://example.com/releases/download/latest/sha256sum.txt'))).toBeUndefined()
  })
})

describe('parseChecksums', () => {
  it('reads the release’s `./name` lines, plain names and binary-mode stars, with CRLF', () => {
    const text = `${HASH_A}  ./ollama-linux-amd64.tar.zst\n${HASH_B}  ollama-darwin.tgz\r\n${HASH_A} *ollama-windows-amd64.zip\n`
    expect(parseChecksums(text)).toEqual(
      new Map([
        ['ollama-linux-amd64.tar.zst', HASH_A],
        ['ollama-darwin.tgz', HASH_B.toLowerCase()],
        ['ollama-windows-amd64.zip', HASH_A],
      ]),
    )
  })

  it('skips blank and malformed lines', () => {
    const text = `\n# comment\n${HASH_A.slice(1)}  ./short.tgz\nnot a hash  ./x.tgz\n${HASH_A}  ./ok.tgz\n`
    expect([...parseChecksums(text).keys()]).toEqual(['ok.tgz'])
  })
})
