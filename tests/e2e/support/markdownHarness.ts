// Test page for MarkdownView (built by markdownPage.ts, never shipped): renders the component the
// way the chat does and streams text into it, measuring each batch and the long tasks it causes.
import { createElement } from 'react'
import { flushSync } from 'react-dom'
import { createRoot } from 'react-dom/client'
import { MarkdownView } from 'virtual:markdown-view'
import type { MarkdownHarness, StreamOptions, StreamStats } from './markdownPage.ts'

const rootElement = document.getElementById('root')
const baselineElement = document.getElementById('baseline')
if (!rootElement || !baselineElement) throw new Error('markdownHarness.html is missing #root or #baseline')
const baseline: HTMLElement = baselineElement
const root = createRoot(rootElement)

const violations: string[] = []
document.addEventListener('securitypolicyviolation', (event) => violations.push(`${event.violatedDirective}: ${event.blockedURI}`))

function render(source: string, streaming: boolean): void {
  // Synchronous, so a measurement covers the whole update.
  flushSync(() => root.render(createElement(MarkdownView, { source, streaming })))
}

function scrollToEnd(): void {
  const scroller = document.scrollingElement ?? document.documentElement
  scroller.scrollTop = scroller.scrollHeight
  void document.body.offsetHeight
}

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

function observeDurations(type: string, into: number[]): PerformanceObserver | undefined {
  if (!PerformanceObserver.supportedEntryTypes.includes(type)) return undefined
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) into.push(entry.duration)
  })
  observer.observe({ type, buffered: false })
  return observer
}

async function stream(tokens: string[], options: StreamOptions): Promise<StreamStats> {
  render('', false)
  baseline.textContent = ''
  await wait(50)
  const longTasks: number[] = []
  const longFrames: number[] = []
  const observers = [observeDurations('longtask', longTasks), observeDurations('long-animation-frame', longFrames)]

  const batchMs: number[] = []
  let layoutMs = 0
  const started = performance.now()
  let source = ''
  for (let i = 0; i < tokens.length; i += options.batchTokens) {
    source += tokens.slice(i, i + options.batchTokens).join('')
    const t0 = performance.now()
    if (options.mode === 'markdown') render(source, true)
    else baseline.textContent = source
    const t1 = performance.now()
    // Follow the end, as the chat does: that lays the page out now, so layout counts in the batch's cost.
    scrollToEnd()
    const t2 = performance.now()
    layoutMs += t2 - t1
    batchMs.push(t2 - t0)
    await wait(options.intervalMs)
  }
  const t0 = performance.now()
  if (options.mode === 'markdown') render(source, false)
  scrollToEnd()
  const finalMs = performance.now() - t0
  const wallMs = performance.now() - started
  // Give the observers time to deliver the last entries.
  await wait(250)
  for (const observer of observers) observer?.disconnect()
  const sorted = [...batchMs].sort((a, b) => a - b)
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0
  return {
    batches: batchMs.length,
    chars: source.length,
    renderMs: batchMs.reduce((sum, ms) => sum + ms, 0),
    layoutMs,
    batchP50Ms: at(0.5),
    batchP95Ms: at(0.95),
    batchMaxMs: sorted.at(-1) ?? 0,
    finalMs,
    wallMs,
    longTasks,
    longFrames,
  }
}

const harness: MarkdownHarness = { render, stream, violations: () => [...violations] }
window.markdownHarness = harness
document.body.dataset.ready = 'true'
