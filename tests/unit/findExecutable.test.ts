import { chmod, mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { findOllamaExecutable, standardLocations } from '../../src/main/ollama/findExecutable.ts'
import { useTempDirs } from '../support/tempDir.ts'

const tempDir = useTempDirs()

async function fakeExecutable(dir: string, mode = 0o755): Promise<string> {
  await mkdir(dir, { recursive: true })
  const file = path.join(dir, 'ollama')
  await writeFile(file, '#!/bin/sh\necho "ollama version is 0.12.6"\n')
  await chmod(file, mode)
  return file
}

describe('findOllamaExecutable', () => {
  it('finds ollama on PATH', async () => {
    const dir = await tempDir()
    const file = await fakeExecutable(path.join(dir, 'bin'))
    expect(await findOllamaExecutable({ env: { PATH: `/nonexistent:${path.join(dir, 'bin')}` }, platform: 'linux', homeDir: dir })).toBe(
      file,
    )
  })

  it('prefers the configured path over PATH', async () => {
    const dir = await tempDir()
    await fakeExecutable(path.join(dir, 'bin'))
    const configured = await fakeExecutable(path.join(dir, 'custom'))
    expect(
      await findOllamaExecutable({ configuredPath: configured, env: { PATH: path.join(dir, 'bin') }, platform: 'linux', homeDir: dir }),
    ).toBe(configured)
  })

  it('ignores a file that is not executable', async () => {
    const dir = await tempDir()
    await fakeExecutable(path.join(dir, 'bin'), 0o644)
    const found = await findOllamaExecutable({ env: { PATH: path.join(dir, 'bin') }, platform: 'linux', homeDir: dir })
    expect(found === undefined || !found.startsWith(dir)).toBe(true)
  })

  it('looks in ~/.local/bin on Linux', async () => {
    const dir = await tempDir()
    const file = await fakeExecutable(path.join(dir, '.local', 'bin'))
    expect(await findOllamaExecutable({ env: { PATH: '' }, platform: 'linux', homeDir: dir })).toBe(file)
  })

  it('knows the installer locations on macOS and Windows', () => {
    expect(standardLocations('darwin', {}, '/Users/a')).toContain('/Applications/Ollama.app/Contents/Resources/ollama')
    expect(standardLocations('win32', { LOCALAPPDATA: 'C:\\Users\\a\\AppData\\Local' }, 'C:\\Users\\a')).toEqual([
      'C:\\Users\\a\\AppData\\Local\\Programs\\Ollama\\ollama.exe',
    ])
  })
})
