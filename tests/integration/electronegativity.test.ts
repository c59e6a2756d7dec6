import { execFile } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { useTempDirs } from '../support/tempDir.ts'

const tempDir = useTempDirs()
const root = path.resolve(import.meta.dirname, '../..')

/** CSV rows as cells, quotes and doubled quotes undone (electronegativity writes no line breaks inside cells). */
function csvRows(text: string): string[][] {
  return text
    .split(/\r?\n/)
    .filter(Boolean)
    .map((line) => [...line.matchAll(/(?:^|,)\s*(?:"((?:[^"]|"")*)"|([^,]*))/g)].map((m) => (m[1] ?? m[2] ?? '').replace(/""/g, '"')))
}

describe('electronegativity (Electron security linter)', () => {
  it('reports nothing above informational in the app source', { timeout: 120_000 }, async () => {
    const report = path.join(await tempDir(), 'findings.csv')
    // The release-list check needs the internet; CSP_GLOBAL_CHECK is reviewed in docs/security.md and the policy is tested by csp tests.
    await promisify(execFile)(process.execPath, [
      path.join(root, 'scripts/security-scan.mjs'),
      '--input',
      path.join(root, 'src'),
      '--relative',
      '--electron-version',
      '45.5.0',
      '--exclude-checks',
      'AvailableSecurityFixesGlobalCheck,CSPGlobalCheck',
      '--output',
      report,
    ])
    const [header, ...findings] = csvRows(await readFile(report, 'utf8'))
    expect(header?.[0]).toBe('issue')
    // It did read the app: the CSP in the page and the one main sends are noted.
    expect(findings.map((f) => f[0])).toEqual(expect.arrayContaining(['CSP_HTML_CHECK', 'CSP_JS_CHECK']))
    expect(findings.filter((f) => f[1] !== 'INFORMATIONAL').map((f) => `${f[0]} ${f[1]} ${f[3]}:${f[4]}`)).toEqual([])
  })
})
