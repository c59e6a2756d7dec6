import { readFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { mkdtemp, rm } from 'node:fs/promises'
import react from '@vitejs/plugin-react'
import type { Browser, Page } from 'playwright-core'
import { build, type Plugin } from 'vite'
import { contentSecurityPolicy } from '../../../src/main/security/csp.ts'

/** What the harness page exposes as `window.markdownHarness`. */
export interface MarkdownHarness {
  render(source: string, streaming: boolean): void
  stream(tokens: string[], options: StreamOptions): Promise<StreamStats>
  /** CSP violations the page reported so far. */
  violations(): string[]
}

export interface StreamOptions {
  /** Tokens per update (a 16 ms batch at 2,000 tokens/s is 32). */
  batchTokens: number
  /** Pause between updates. */
  intervalMs: number
  /** `markdown`: MarkdownView; `text`: textContent of a pre-wrap element, as the chat showed replies before. */
  mode: 'markdown' | 'text'
}

export interface StreamStats {
  batches: number
  chars: number
  /** Time spent updating the page for all batches (render, commit and layout). */
  renderMs: number
  /** The part of renderMs spent in layout. */
  layoutMs: number
  batchP50Ms: number
  batchP95Ms: number
  batchMaxMs: number
  /** The update that ends the stream (the last block gets highlighted). */
  finalMs: number
  wallMs: number
  /** Durations of the main-thread tasks over 50 ms (PerformanceObserver `longtask`). */
  longTasks: number[]
  /** Durations of the frames over 50 ms, rendering included (`long-animation-frame`). */
  longFrames: number[]
}

declare global {
  interface Window {
    markdownHarness: MarkdownHarness
  }
}

const SUPPORT = import.meta.dirname
const ROOT = path.resolve(SUPPORT, '../../..')
const VIRTUAL = 'virtual:markdown-view'

/** The harness imports the view through a virtual module, so the test tsconfig (no JSX) never loads the .tsx. */
function markdownViewModule(): Plugin {
  const view = path.join(ROOT, 'src/renderer/src/features/chat/markdown/MarkdownView.tsx')
  const styles = path.join(ROOT, 'src/renderer/src/ui/styles.css')
  return {
    name: 'markdown-view',
    resolveId: (id) => (id === VIRTUAL ? `\0${VIRTUAL}` : undefined),
    load: (id) =>
      id === `\0${VIRTUAL}` ? `import ${JSON.stringify(styles)}\nexport { MarkdownView } from ${JSON.stringify(view)}\n` : undefined,
  }
}

export interface HarnessSite {
  url: string
  close(): Promise<void>
}

/**
 * Builds the harness page (production React, the view, the app's and the view's CSS) into a temp
 * folder and serves it on 127.0.0.1 with the renderer's own Content-Security-Policy header.
 */
export async function startHarnessSite(): Promise<HarnessSite> {
  const outDir = await mkdtemp(path.join(os.tmpdir(), 'instruct-desk-markdown-'))
  await build({
    configFile: false,
    root: SUPPORT,
    base: './',
    logLevel: 'error',
    mode: 'production',
    plugins: [react(), markdownViewModule()],
    build: { outDir, emptyOutDir: true, rollupOptions: { input: path.join(SUPPORT, 'markdownHarness.html') } },
  })
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' }
  const csp = contentSecurityPolicy()
  const server: Server = createServer((request, response) => {
    const name = new URL(request.url ?? '/', 'http://127.0.0.1').pathname
    // Chromium asks for a favicon on its own, sooner or later; a 404 there would read as the page's error.
    if (name === '/favicon.ico') {
      response.writeHead(204).end()
      return
    }
    const file = path.join(outDir, path.normalize(name === '/' ? '/markdownHarness.html' : name))
    if (!file.startsWith(outDir)) {
      response.writeHead(403).end()
      return
    }
    readFile(file).then(
      (body) =>
        response
          .writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream', 'content-security-policy': csp })
          .end(body),
      () => response.writeHead(404).end(),
    )
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/`,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await rm(outDir, { recursive: true, force: true })
    },
  }
}

/** A fresh page on the harness, ready to render. */
export async function openHarness(browser: Browser, site: HarnessSite, viewport = { width: 900, height: 800 }): Promise<Page> {
  const page = await browser.newPage({ viewport })
  await page.goto(site.url)
  await page.waitForSelector('body[data-ready="true"]')
  return page
}
