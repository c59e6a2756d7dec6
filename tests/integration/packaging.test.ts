import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { Configuration, FileAssociation } from 'app-builder-lib'
import { getFileMatchers } from 'app-builder-lib/out/fileMatcher.js'
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js'
import { beforeAll, describe, expect, it } from 'vitest'
import { DOCUMENT_EXTENSIONS, summarizableExtensions } from '../../src/main/features/summarize/extract/documentExtensions.ts'
import type { DocumentFormat } from '../../src/shared/domain/documents.ts'

// `npm run dist` needs the Electron binary, which this machine cannot download; this checks the
// config electron-builder would build from, read and validated by electron-builder's own code.
const root = path.resolve(import.meta.dirname, '../..')
const read = (file: string): Buffer => readFileSync(path.join(root, file))
let config: Configuration

beforeAll(async () => {
  config = await getConfig(root, 'build/electron-builder.yml', null)
})

/** The MIME type a Linux desktop knows each format by (source code is text/plain to it: their types are subclasses). */
const LINUX_MIME_TYPES: Record<DocumentFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  odt: 'application/vnd.oasis.opendocument.text',
  rtf: 'application/rtf',
  epub: 'application/epub+zip',
  html: 'text/html',
  markdown: 'text/markdown',
  text: 'text/plain',
  csv: 'text/csv',
  json: 'application/json',
  code: 'text/plain',
}

describe('electron-builder config', () => {
  it('passes electron-builder’s own schema, which rejects a misspelled key', async () => {
    await expect(validateConfiguration(config, { isEnabled: false } as never)).resolves.toBeUndefined()
    const misspelled = { ...config, electronFuses: { runAsNod: false } } as unknown as Configuration
    await expect(validateConfiguration(misspelled, { isEnabled: false } as never)).rejects.toThrow(/electronFuses/)
  })

  it('flips the fuses: no running as Node, encrypted cookies, the app only from an intact app.asar', () => {
    expect(config.asar).toBe(true)
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    })
  })

  it('packs the built main, worker, preload and renderer, without source maps or sources', () => {
    const [matcher, ...others] = getFileMatchers(config, 'files', path.join(root, 'app'), {
      macroExpander: (pattern) => pattern,
      customBuildOptions: config.linux ?? {},
      globalOutDir: path.join(root, 'dist'),
      defaultSrc: root,
    }) ?? [undefined]
    expect(others).toEqual([])
    const packed = matcher?.createFilter() ?? (() => false)
    const isPacked = (file: string): boolean => packed(path.join(root, file), { isDirectory: () => false } as never)
    const wanted = ['package.json', 'out/main/index.js', 'out/main/worker.js', 'out/preload/index.cjs', 'out/renderer/index.html']
    expect(wanted.filter((file) => !isPacked(file))).toEqual([])
    expect(isPacked('out/renderer/assets/index-a1b2c3.js')).toBe(true)
    const unwanted = ['out/main/index.js.map', 'out/renderer/assets/index-a1b2c3.js.map', 'src/main/app.ts', 'tests/support/fakeOllama.ts']
    expect(unwanted.filter(isPacked)).toEqual([])
  })

  it('has an icon for each OS, drawn at the sizes each needs', () => {
    expect([config.linux?.icon, config.mac?.icon, config.win?.icon]).toEqual(['build/icon.png', 'build/icon.icns', 'build/icon.ico'])
    const png = read('build/icon.png')
    expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR')
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1024, 1024])
    expect(icnsTypes(read('build/icon.icns'))).toEqual(expect.arrayContaining(['ic07', 'ic08', 'ic09', 'ic10']))
    // 0 in an icon directory means 256 pixels, the size Windows needs for large icons.
    expect(icoWidths(read('build/icon.ico'))).toEqual(expect.arrayContaining([16, 32, 48, 0]))
  })
})

describe('"Open with Instruct Desk"', () => {
  const everyExtension = summarizableExtensions().sort()

  it('macOS: offers every extension the app summarizes, as a viewer that never outranks the default app', () => {
    const associations = (config.mac?.fileAssociations ?? []) as FileAssociation[]
    expect(associations.flatMap((a) => [a.ext].flat()).sort()).toEqual(everyExtension)
    expect(associations.filter((a) => a.role !== 'Viewer' || a.rank !== 'Alternate')).toEqual([])
  })

  it('no shared or per-OS fileAssociations elsewhere: on Windows they make the app the default, on Linux they redefine MIME types', () => {
    const elsewhere = [config.fileAssociations, config.win?.fileAssociations, config.linux?.fileAssociations]
    expect(elsewhere.filter((associations) => associations !== undefined)).toEqual([])
  })

  it('Linux: the desktop entry lists the MIME type of every format', () => {
    const listed = new Set(config.linux?.mimeTypes ?? [])
    const formats = Object.keys(DOCUMENT_EXTENSIONS) as DocumentFormat[]
    expect(formats.filter((format) => !listed.has(LINUX_MIME_TYPES[format]))).toEqual([])
  })

  it('Windows: the installer adds every extension to "Open with" and sets no default', () => {
    expect(config.nsis?.include).toBe('build/installer.nsh')
    const script = read('build/installer.nsh').toString('utf8')
    const listed = [...script.matchAll(/^\s*!insertmacro \$\{MACRO\} (\S+)$/gm)].map((m) => m[1])
    expect(listed.sort()).toEqual(everyExtension)
    expect(script).toMatch(/WriteRegNone SHELL_CONTEXT "Software\\Classes\\\.\$\{EXT\}\\OpenWithProgids"/)
    // The extension key's own (default) value is the type's default app; the script never writes it.
    expect(script).not.toMatch(/"Software\\Classes\\\.\$\{EXT\}" ""/)
    expect(script).toMatch(/!macro customUnInstall[\s\S]*removeOpenWith/)
  })

  it('every icon path the config names exists', () => {
    const paths = [config.linux?.icon, config.mac?.icon, config.win?.icon, config.mac?.entitlements, config.nsis?.include]
    expect(paths.filter((file) => !file || !existsSync(path.join(root, file)))).toEqual([])
  })
})

/** The element types of an .icns file: 'icns' and its length, then per element its type and length. */
function icnsTypes(icns: Buffer): string[] {
  expect(icns.subarray(0, 4).toString('latin1')).toBe('icns')
  expect(icns.readUInt32BE(4)).toBe(icns.length)
  const types: string[] = []
  for (let offset = 8; offset < icns.length; offset += icns.readUInt32BE(offset + 4)) {
    types.push(icns.subarray(offset, offset + 4).toString('latin1'))
  }
  return types
}

/** The widths in an .ico file's directory (reserved 0, type 1, count, then 16 bytes per image). */
function icoWidths(ico: Buffer): number[] {
  expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1])
  return Array.from({ length: ico.readUInt16LE(4) }, (_, i) => ico.readUInt8(6 + 16 * i))
}
