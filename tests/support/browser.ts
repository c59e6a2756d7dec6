import { existsSync } from 'node:fs'
import path from 'node:path'
import { DISABLED_CHROMIUM_FEATURES } from '../../src/main/electron/chromiumFeatures.ts'
import { chromium, type Browser, type Page } from 'playwright-core'

export const RENDERER_DIR = path.resolve(import.meta.dirname, '../../out/renderer')

/** Where Chromium is: CHROMIUM_PATH, else Debian's package. */
export function findChromium(): string | undefined {
  return [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p): p is string => Boolean(p && existsSync(p)))
}

/** Chromium for a bench or script, or an error saying how to get it. */
export function requireChromium(what: string): string {
  const found = findChromium()
  if (!found) throw new Error(`${what} needs Chromium: install it (apt-get install chromium) or set CHROMIUM_PATH.`)
  return found
}

/** Headless Chromium with the flags this network-less machine needs (no background fetches). */
export async function launchBrowser(executablePath: string): Promise<Browser> {
  if (!existsSync(path.join(RENDERER_DIR, 'index.html'))) {
    throw new Error('The renderer is not built. Run `npm run build` (npm test does it for you).')
  }
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--disable-features=${DISABLED_CHROMIUM_FEATURES.join(',')}`,
    ],
  })
}

/** Controls whose role needs a name, and which have none, from Chromium's own accessibility tree. */
export async function unnamedControls(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page)
  const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as {
    nodes: { ignored?: boolean; role?: { value?: string }; name?: { value?: string } }[]
  }
  await cdp.detach()
  const needsName = new Set([
    'button',
    'textbox',
    'combobox',
    'link',
    'checkbox',
    'radio',
    'slider',
    'spinbutton',
    'searchbox',
    'tab',
    'menuitem',
    'navigation',
    'main',
    'log',
    'region',
    'table',
  ])
  return nodes.filter((n) => !n.ignored && needsName.has(n.role?.value ?? '') && !n.name?.value?.trim()).map((n) => n.role?.value ?? '?')
}
