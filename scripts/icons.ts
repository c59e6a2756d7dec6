// Draws the app icon for the installers from the one the window uses (src/renderer/public/icon.svg):
// build/icon.png (1024 px, Linux and the source electron-builder falls back to), build/icon.icns
// (macOS) and build/icon.ico (Windows), each holding PNG images rendered by headless Chromium.
// Run after changing the SVG: node scripts/icons.ts
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { chromium } from 'playwright-core'
import { requireChromium } from '../tests/support/browser.ts'

const root = path.resolve(import.meta.dirname, '..')
const svg = await readFile(path.join(root, 'src/renderer/public/icon.svg'), 'utf8')

/** The macOS icon types that hold a PNG, by their pixel size (the @2x types share sizes with 1x ones). */
const ICNS_TYPES: [string, number][] = [
  ['icp4', 16],
  ['icp5', 32],
  ['icp6', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024],
  ['ic11', 32],
  ['ic12', 64],
  ['ic13', 256],
  ['ic14', 512],
]
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256]

const browser = await chromium.launch({ executablePath: requireChromium('Drawing the icons'), args: ['--no-sandbox', '--disable-gpu'] })
const page = await browser.newPage()
const rendered = new Map<number, Buffer>()
for (const size of new Set([...ICNS_TYPES.map(([, s]) => s), ...ICO_SIZES])) {
  await page.setViewportSize({ width: size, height: size })
  await page.setContent(`<style>*{margin:0}svg{display:block;width:100vw;height:100vh}</style>${svg}`)
  rendered.set(size, await page.screenshot({ omitBackground: true }))
}
await browser.close()
const png = (size: number): Buffer => rendered.get(size) ?? Buffer.alloc(0)

await writeFile(path.join(root, 'build/icon.png'), png(1024))
await writeFile(path.join(root, 'build/icon.icns'), icns())
await writeFile(path.join(root, 'build/icon.ico'), ico())
console.log('Wrote build/icon.png, build/icon.icns and build/icon.ico')

/** 'icns', the file's length, then per image its type, its length with this 8-byte header, and the PNG. */
function icns(): Buffer {
  const entries = ICNS_TYPES.map(([type, size]) => {
    const head = Buffer.alloc(8)
    head.write(type, 0, 'latin1')
    head.writeUInt32BE(8 + png(size).length, 4)
    return Buffer.concat([head, png(size)])
  })
  const head = Buffer.alloc(8)
  head.write('icns', 0, 'latin1')
  head.writeUInt32BE(8 + entries.reduce((sum, e) => sum + e.length, 0), 4)
  return Buffer.concat([head, ...entries])
}

/** An icon directory (type 1) of 32-bit PNG images; a size of 0 in the directory means 256. */
function ico(): Buffer {
  const head = Buffer.alloc(6)
  head.writeUInt16LE(1, 2)
  head.writeUInt16LE(ICO_SIZES.length, 4)
  let offset = head.length + 16 * ICO_SIZES.length
  const directory = ICO_SIZES.map((size) => {
    const entry = Buffer.alloc(16)
    entry.writeUInt8(size % 256, 0)
    entry.writeUInt8(size % 256, 1)
    entry.writeUInt16LE(1, 4)
    entry.writeUInt16LE(32, 6)
    entry.writeUInt32LE(png(size).length, 8)
    entry.writeUInt32LE(offset, 12)
    offset += png(size).length
    return entry
  })
  return Buffer.concat([head, ...directory, ...ICO_SIZES.map(png)])
}
