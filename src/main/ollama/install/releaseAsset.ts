// What the official Ollama release publishes for each OS and architecture, as ollama/ollama's
// `.github/workflows/release.yaml`, `scripts/build_darwin.sh` and `scripts/build_windows.ps1` build it.
import { AppError } from '../../../shared/ipc/errors.ts'

/** GitHub answers with a redirect to the newest release's tag; the installer pins that tag for the archive. */
export const DEFAULT_RELEASE_BASE_URL = 'https://github.com/ollama/ollama/releases/latest/download/'

/** `sha256sum` over every asset of the release. */
export const CHECKSUM_FILE = 'sha256sum.txt'

export type ArchiveFormat = 'tar.zst' | 'tgz' | 'zip'

export interface ReleaseAsset {
  /** Archive names, preferred first; a release publishes one of them (Linux moved from .tgz to .tar.zst in 0.14). */
  archives: string[]
  /** Where the executable sits in the unpacked archive, '/'-separated; its libraries sit beside it as the archive has them. */
  executable: string
}

const GO_ARCH: Partial<Record<string, string>> = { x64: 'amd64', arm64: 'arm64' }
const OS_NAMES: Partial<Record<string, string>> = { linux: 'Linux', darwin: 'macOS', win32: 'Windows' }

export function noReleaseFor(platform: string, arch: string): AppError {
  return new AppError({
    code: 'INSTALL_FAILED',
    message: `There is no Ollama release for ${OS_NAMES[platform] ?? platform} on ${arch}.`,
    hint: 'Install Ollama yourself from ollama.com if it supports this computer.',
    retryable: false,
  })
}

export function releaseAssetFor(platform: string, arch: string): ReleaseAsset {
  const goArch = GO_ARCH[arch]
  if (goArch && platform === 'linux') {
    return { archives: [`ollama-linux-${goArch}.tar.zst`, `ollama-linux-${goArch}.tgz`], executable: 'bin/ollama' }
  }
  // One universal archive for both Mac architectures.
  if (goArch && platform === 'darwin') return { archives: ['ollama-darwin.tgz'], executable: 'ollama' }
  if (goArch && platform === 'win32') return { archives: [`ollama-windows-${goArch}.zip`], executable: 'ollama.exe' }
  throw noReleaseFor(platform, arch)
}

export function archiveFormat(name: string): ArchiveFormat {
  if (name.endsWith('.tar.zst')) return 'tar.zst'
  if (name.endsWith('.zip')) return 'zip'
  return 'tgz'
}

/** A file of the release: base URLs work with or without their trailing slash. */
export function releaseFileUrl(baseUrl: string | URL, name: string): URL {
  const base = new URL(baseUrl)
  if (!base.pathname.endsWith('/')) base.pathname += '/'
  return new URL(encodeURIComponent(name), base)
}

/** The version in a GitHub release download URL (`…/releases/download/v0.12.6/<file>`), without its `v`. */
export function releaseVersionOf(url: URL): string | undefined {
  return /\/releases\/download\/v?(\d+\.\d+\.\d+[0-9A-Za-z.+-]*)\/[^/]+$/.exec(url.pathname)?.[1]
}

/**
 * Reads `sha256sum` output into name → lowercase hex. The release runs it over `find .`, so its lines
 * are `<hex>  ./<name>`; `<hex>  <name>` and the binary-mode `<hex> *<name>` are read too.
 */
export function parseChecksums(text: string): Map<string, string> {
  const sums = new Map<string, string>()
  for (const line of text.split('\n')) {
    const match = /^([0-9a-fA-F]{64}) [ *](?:\.\/)?(.+)$/.exec(line.trim())
    if (match?.[1] && match[2]) sums.set(match[2], match[1].toLowerCase())
  }
  return sums
}
