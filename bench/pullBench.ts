import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { Ollama } from 'ollama'
import { createApp, type App } from '../src/main/app.ts'
import { startWebBridge } from '../src/main/web/WebBridge.ts'
import type { PullJob } from '../src/shared/domain/pull.ts'
import type { Arrival } from './benchPeer.ts'
import { Peer } from './peerProcess.ts'
import { countEvents, median, type EventCounts } from './stats.ts'
import { markdownTable } from './table.ts'

const MODEL = 'qwen2.5:7b-instruct'
/** qwen2.5:7b-instruct as the fake serves it: all five layers. */
const MODEL_BYTES = 4_683_087_332
const MiB = 1024 * 1024

export type PullPath = 'baseline' | 'events' | 'bridge'

/** One pull, measured in this process. */
export interface PullSample {
  wallMs: number
  cpuMs: number
  /** What reached the listener; undefined for the bare client, which has none. */
  events?: EventCounts
  /** NDJSON lines the client read (counted by the bare loop; the fake sends the same lines to every path). */
  lines?: number
}

export interface PullRow {
  name: string
  path: PullPath
  chunkBytes: number
  runs: number
  /** Medians over the runs; each rate is computed per run first. */
  wallS: number
  cpuMsPerGB: number
  events?: number
  /** Events ÷ wall seconds, all of them and the progress-only ones. */
  eventsPerS?: number
  progressEventsPerS?: number
  peakEventsPerS?: number
  peakProgressEventsPerS?: number
  lines?: number
  /**
   * Median over the runs of this path's figure ÷ the bare client's in the same round (same line size,
   * pulled minutes apart at most), so load that drifts during the bench cancels out.
   */
  cpuRatio: number
  wallRatio: number
  samples: PullSample[]
}

/** One line granularity: bytes per progress line the fake sends, pulls per path, and which paths besides the baseline. */
export interface PullConfig {
  chunkBytes: number
  runs: number
  paths: PullPath[]
}

export interface PullBenchResult {
  rows: PullRow[]
}

/**
 * 1 MiB lines, ~4,500 per pull, on every path. Seven rounds because CPU time on a shared machine
 * varies by a third from pull to pull; about two minutes in all.
 */
export const DEFAULT_CONFIGS: PullConfig[] = [{ chunkBytes: MiB, runs: 7, paths: ['baseline', 'events', 'bridge'] }]

/** 256 KiB lines, ~18,000 per pull: the CPU figures scale with lines, not bytes. Each pull lasts over 20 s, so it runs only on request. */
export const FINE_LINES_CONFIGS: PullConfig[] = [{ chunkBytes: 256 * 1024, runs: 3, paths: ['baseline', 'bridge'] }]

const PATHS: { path: PullPath; name: string }[] = [
  { path: 'baseline', name: 'bare `ollama` client loop (baseline)' },
  { path: 'events', name: 'PullManager → EventHub subscriber' },
  { path: 'bridge', name: 'PullManager → web bridge → WebSocket client' },
]

function checkDone(job: PullJob | undefined, where: string): void {
  const progress = job?.progress
  if (job?.state !== 'done' || progress?.completedBytes !== MODEL_BYTES || progress.totalBytes !== MODEL_BYTES)
    throw new Error(`The pull did not complete at ${where}: ${JSON.stringify(job)}`)
}

/** Runs `pull` between two readings of this process's clock and CPU time (user + system). */
async function timed<T>(pull: () => Promise<T>): Promise<{ wallMs: number; cpuMs: number; result: T }> {
  const cpu = process.cpuUsage()
  const start = performance.now()
  const result = await pull()
  const wallMs = performance.now() - start
  const used = process.cpuUsage(cpu)
  return { wallMs, cpuMs: (used.user + used.system) / 1000, result }
}

/** What the app's ollama client does without us: the loop the npm package documents. */
async function bareClientPull(host: string): Promise<PullSample> {
  const { wallMs, cpuMs, result } = await timed(async () => {
    let lines = 0
    let last = ''
    for await (const part of await new Ollama({ host }).pull({ model: MODEL, stream: true })) {
      lines++
      last = part.status
    }
    return { lines, last }
  })
  if (result.last !== 'success') throw new Error(`The bare pull ended with "${result.last}".`)
  return { wallMs, cpuMs, lines: result.lines }
}

/** Resolves with the job's final state as the app publishes it, noting when each progress event arrived. */
function watchEvents(app: App): { arrivals: Arrival[]; finished: Promise<PullJob> } {
  const arrivals: Arrival[] = []
  let unsubscribe: () => void = () => undefined
  const finished = new Promise<PullJob>((resolve) => {
    unsubscribe = app.events.subscribe((channel, payload) => {
      if (channel !== 'models:pullProgress') return
      const job = payload as PullJob
      arrivals.push({ atMs: performance.now(), state: job.state })
      if (job.state === 'done' || job.state === 'failed' || job.state === 'cancelled') resolve(job)
    })
  }).finally(() => unsubscribe())
  return { arrivals, finished }
}

/** The app as a host builds it, pointed at the fake; `viaBridge` adds the web bridge with a socket in the peer. */
async function appPull(host: string, peer: Peer, viaBridge: boolean): Promise<PullSample> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'instruct-desk-pull-bench-'))
  // Models "go" to the temp folder, so the disk-space check the pull makes measures a disk the bench owns.
  const env = { ...process.env, OLLAMA_MODELS: path.join(dataDir, 'models') }
  const app = await createApp({ host: 'web', dataDir, ollamaHost: host, env })
  const bridge = viaBridge ? await startWebBridge({ app, rendererDir: dataDir }) : undefined
  try {
    if (bridge) await peer.ask({ type: 'watch', port: bridge.port, token: bridge.token }, 'watching')
    const watch = watchEvents(app)
    const {
      wallMs,
      cpuMs,
      result: job,
    } = await timed(() => {
      app.pulls.start(MODEL)
      return watch.finished
    })
    checkDone(job, 'the EventHub')
    if (!bridge) return { wallMs, cpuMs, events: countEvents(watch.arrivals) }
    const seen = await peer.ask({ type: 'collect' }, 'collected')
    checkDone(seen.last, 'the WebSocket client')
    return { wallMs, cpuMs, events: countEvents(seen.arrivals) }
  } finally {
    await bridge?.close()
    await app.dispose()
    await rm(dataDir, { recursive: true, force: true })
  }
}

async function pullOnce(peer: Peer, chunkBytes: number, which: PullPath): Promise<PullSample> {
  // A fresh fake per pull: nothing of the model on its disk, so every pull moves all 4.7 GB.
  // Line pacing 0: a line per setTimeout(0), about one a millisecond, ~1 GB/s at 1 MiB lines.
  const { host } = await peer.ask({ type: 'fake', options: { models: [], pullChunkBytes: chunkBytes, pullLineDelayMs: 0 } }, 'fake')
  if (which === 'baseline') return bareClientPull(host)
  return appPull(host, peer, which === 'bridge')
}

const round = (value: number, digits: number): number => Math.round(value * 10 ** digits) / 10 ** digits

/** The row for one path from its runs, with ratios to the baseline's run in the same round. */
function summarizeRuns(name: string, which: PullPath, chunkBytes: number, runs: PullSample[], baseline: PullSample[]): PullRow {
  const wallMs = median(runs.map((s) => s.wallMs))
  const cpuMs = median(runs.map((s) => s.cpuMs))
  const counted = runs.flatMap((s) => (s.events ? [{ ...s.events, wallS: s.wallMs / 1000 }] : []))
  const ofEvents = (pick: (c: EventCounts & { wallS: number }) => number, digits = 0): number | undefined =>
    counted.length === runs.length ? round(median(counted.map(pick)), digits) : undefined
  const lines = runs.map((s) => s.lines)
  return {
    name,
    path: which,
    chunkBytes,
    runs: runs.length,
    wallS: round(wallMs / 1000, 2),
    cpuMsPerGB: round(cpuMs / (MODEL_BYTES / 1e9), 1),
    events: ofEvents((c) => c.all),
    eventsPerS: ofEvents((c) => c.all / c.wallS, 1),
    progressEventsPerS: ofEvents((c) => c.progress / c.wallS, 1),
    peakEventsPerS: ofEvents((c) => c.peakPerS),
    peakProgressEventsPerS: ofEvents((c) => c.peakProgressPerS),
    lines: lines.every((l) => l !== undefined) ? median(lines) : undefined,
    cpuRatio: round(median(runs.map((s, i) => s.cpuMs / (baseline[i]?.cpuMs ?? NaN))), 2),
    wallRatio: round(median(runs.map((s, i) => s.wallMs / (baseline[i]?.wallMs ?? NaN))), 2),
    samples: runs.map((s) => ({ ...s, wallMs: round(s.wallMs, 1), cpuMs: round(s.cpuMs, 1) })),
  }
}

/**
 * A 4.7 GB emulated pull at full speed, three ways: the bare `ollama` client loop (baseline), our
 * PullManager path to an EventHub listener (what the Electron host forwards to windows), and the
 * same through the web bridge to a WebSocket client in another process. The fake Ollama and the
 * socket client live in a child process, so CPU time measured here is the app side only.
 */
export async function pullBench(configs: PullConfig[] = DEFAULT_CONFIGS): Promise<PullBenchResult> {
  const peer = new Peer()
  try {
    // Untimed: the first full pull runs slower (optimizing compiler, young generation still growing to
    // the allocation rate), and the bridge path runs every piece of code the other two do.
    await pullOnce(peer, MiB, 'bridge')
    const rows: PullRow[] = []
    for (const config of configs) {
      const paths = PATHS.filter((p) => p.path === 'baseline' || config.paths.includes(p.path))
      const samples = new Map<PullPath, PullSample[]>(paths.map((p) => [p.path, []]))
      // Rounds of one pull per path, in alternating order, so drift in the machine's load spreads over all paths.
      for (let run = 0; run < config.runs; run++) {
        const order = run % 2 ? [...paths].reverse() : paths
        for (const { path: which } of order) samples.get(which)?.push(await pullOnce(peer, config.chunkBytes, which))
      }
      const baseline = samples.get('baseline') ?? []
      for (const { path: which, name } of paths)
        rows.push(summarizeRuns(name, which, config.chunkBytes, samples.get(which) ?? [], baseline))
    }
    return { rows }
  } finally {
    await peer.close()
  }
}

const size = (bytes: number): string => (bytes >= MiB ? `${bytes / MiB} MiB` : `${bytes / 1024} KiB`)
const orNa = (value: number | undefined): string | number => value ?? 'n/a'

export function pullTable(result: PullBenchResult): string {
  const baselines = result.rows.filter((r) => r.path === 'baseline')
  return markdownTable(
    'Pull of qwen2.5:7b-instruct (4.68 GB) from a fake Ollama at full speed (medians)',
    [
      { header: 'path', cell: (r) => r.name },
      { header: 'line every', cell: (r) => size(r.chunkBytes), numeric: true },
      { header: 'runs', cell: (r) => r.runs, numeric: true },
      { header: 'wall (s)', cell: (r) => r.wallS, numeric: true },
      { header: 'CPU ms per GB', cell: (r) => r.cpuMsPerGB, numeric: true },
      { header: 'events to the renderer', cell: (r) => orNa(r.events), numeric: true },
      {
        header: 'events/s (progress only)',
        cell: (r) => (r.eventsPerS === undefined ? 'n/a' : `${r.eventsPerS} (${r.progressEventsPerS})`),
        numeric: true,
      },
      {
        header: 'most in any 1 s (progress only)',
        cell: (r) => (r.peakEventsPerS === undefined ? 'n/a' : `${r.peakEventsPerS} (${r.peakProgressEventsPerS})`),
        numeric: true,
      },
      { header: 'CPU ÷ baseline', cell: (r) => `${r.cpuRatio}×`, numeric: true },
      { header: 'wall ÷ baseline', cell: (r) => `${r.wallRatio}×`, numeric: true },
    ],
    result.rows,
    [
      `Progress lines per pull: ${baselines.map((r) => `${orNa(r.lines)} at ${size(r.chunkBytes)}`).join(', ')}. The fake writes one per timer turn ` +
        '(`pullLineDelayMs: 0`, about 1 ms), far more often than the real server (one every ~60 ms), so the wall time is set by the fake ' +
        'and the wall ratio only says whether our path keeps up; the CPU ratio is the overhead. A ratio is the median over rounds of one pull per path (alternating order) of the path ÷ the baseline in that round.',
      'CPU is `process.cpuUsage()` (user + system) of the bench process from the start of the pull to its final event; the fake Ollama and ' +
        'the WebSocket client run in a child process and are not counted. GB = 10⁹ bytes. Events are `models:pullProgress`: all of them, and in ' +
        'brackets only those that move the progress on; the others are the state changes (queued, running, done), which share the same 100 ms budget.',
      'The events path ends at an `app.events` subscriber (where the Electron host calls `webContents.send`); the bridge path at a socket in another ' +
        'process. "Most in any 1 s" is the requirement (≤ 10); events/s divides the count by the pull’s wall time, so N events ' +
        '100 ms apart read as slightly over 10.',
    ],
  )
}
