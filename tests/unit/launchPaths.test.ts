import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { launchPaths } from '../../src/main/features/summarize/launchPaths.ts'

const cwd = path.resolve('/home/ada/Documents')

describe('launchPaths', () => {
  it('takes the documents and leaves the switches Chromium and the user add', () => {
    const args = ['--allow-file-access-from-files', 'report.pdf', '--original-process-start-time=1337', '/tmp/notes.md', '-v']
    expect(launchPaths(args, cwd)).toEqual([path.join(cwd, 'report.pdf'), path.resolve('/tmp/notes.md')])
  })

  it('turns the file:// URLs Linux desktops pass into paths, and skips other URLs and other hosts', () => {
    const local = path.resolve('/home/ada/My Books/Dune (1965).epub')
    const args = [pathToFileURL(local).href, 'https://example.com/a.pdf', 'file://server/share/b.pdf']
    expect(launchPaths(args, cwd)).toEqual(process.platform === 'win32' ? [local, '\\\\server\\share\\b.pdf'] : [local])
  })

  it('reads everything after -- as a path, even when it starts with a dash', () => {
    expect(launchPaths(['--', '-draft.txt', '--'], cwd)).toEqual([path.join(cwd, '-draft.txt'), path.join(cwd, '--')])
  })

  it('finds nothing on a plain launch', () => {
    expect(launchPaths([], cwd)).toEqual([])
    expect(launchPaths(['--no-sandbox'], cwd)).toEqual([])
  })
})
