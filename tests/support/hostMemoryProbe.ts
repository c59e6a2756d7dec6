// Loaded into a spawned host with `--expose-gc --import`: on SIGUSR2 it collects garbage and writes
// its memory as one JSON line to file descriptor 3, so a test weighs the process without changing the app.
import { writeSync } from 'node:fs'

process.on('SIGUSR2', () => {
  ;(globalThis as { gc?: () => void }).gc?.()
  const { rss, heapUsed, heapTotal } = process.memoryUsage()
  const peakRss = process.resourceUsage().maxRSS * 1024
  writeSync(3, `${JSON.stringify({ rss, heapUsed, heapTotal, peakRss })}\n`)
})
