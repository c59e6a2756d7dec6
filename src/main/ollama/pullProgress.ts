import type { PullPhase, PullProgress } from '../../shared/domain/pull.ts'

/** One parsed NDJSON line of `POST /api/pull`; the ollama client's `ProgressResponse` fits it. */
export interface PullLine {
  status: string
  digest?: string
  total?: number
  completed?: number
}

export interface PullProgressOptions {
  /** Clock for lines and snapshots given no time of their own. */
  now?: () => number
  /** Span of the moving window the speed is measured over. */
  speedWindowMs?: number
}

interface Layer {
  total: number
  completed: number
}

interface Sample {
  at: number
  transferred: number
}

/** Maps Ollama's status texts to phases; undefined for a text this app does not know (keep the last phase). */
export function phaseOf(status: string): PullPhase | undefined {
  if (status === 'pulling manifest') return 'manifest'
  if (status.startsWith('pulling ')) return 'downloading'
  if (status === 'verifying sha256 digest') return 'verifying'
  if (status === 'writing manifest') return 'writing'
  if (status === 'removing unused layers' || status === 'removing any unused layers') return 'cleaning'
  if (status === 'success') return 'success'
  return undefined
}

/**
 * Turns the lines of one pull (and of its retries, fed into the same tracker) into whole-model
 * progress. Ollama reports one layer at a time and each layer's figures only while it downloads,
 * so the whole only exists if we remember every digest seen.
 */
export class PullProgressTracker {
  private readonly layers = new Map<string, Layer>()
  private readonly samples: Sample[] = []
  private readonly now: () => number
  private readonly windowMs: number
  private phase: PullPhase = 'manifest'
  private status = ''
  private currentDigest: string | undefined
  /** The current layer's last `completed` in this stream: the base for counting bytes that really arrived. */
  private streamCompleted = 0
  /** Bytes seen arriving, for the speed. Bytes already on disk when a layer (re)starts are not counted. */
  private transferred = 0
  private redownload = 0

  constructor(options: PullProgressOptions = {}) {
    this.now = options.now ?? (() => Date.now())
    this.windowMs = options.speedWindowMs ?? 5_000
  }

  update(line: PullLine, at = this.now()): void {
    this.status = line.status
    const phase = phaseOf(line.status) ?? (line.digest ? 'downloading' : undefined)
    if (phase) this.phase = phase
    // Every stream, a retry's too, begins with the manifest; the layer that was current then was cut off, not finished.
    if (phase === 'manifest') this.currentDigest = undefined
    if (line.digest) this.layerLine(line.digest, line)
    else if (phase === 'verifying' || phase === 'writing' || phase === 'cleaning' || phase === 'success') this.finishAll()
    this.samples.push({ at, transferred: this.transferred })
    this.dropOldSamples(at)
  }

  snapshot(at = this.now()): PullProgress {
    let completedBytes = 0
    let totalBytes = 0
    for (const layer of this.layers.values()) {
      completedBytes += layer.completed
      totalBytes += layer.total
    }
    const bytesPerSecond = this.speed(at)
    return {
      phase: this.phase,
      status: this.status,
      completedBytes,
      totalBytes,
      percent: totalBytes > 0 ? Math.min(100, (completedBytes / totalBytes) * 100) : undefined,
      bytesPerSecond,
      etaSeconds: bytesPerSecond ? Math.ceil((totalBytes - completedBytes) / bytesPerSecond) : undefined,
      layers: this.layers.size,
      currentDigest: this.currentDigest,
      redownloadBytes: this.redownload || undefined,
    }
  }

  private layerLine(digest: string, line: PullLine): void {
    let layer = this.layers.get(digest)
    if (!layer) {
      layer = { total: 0, completed: 0 }
      this.layers.set(digest, layer)
    }
    // `completed` is left out while it is 0.
    const completed = line.completed ?? 0
    if (digest !== this.currentDigest) {
      // Layers come one after another and the last line of one often stops short of its total.
      if (this.currentDigest) this.finish(this.currentDigest)
      this.currentDigest = digest
      this.streamCompleted = completed
      // A retry can resume a little lower (the server drops the part that was cut off) or, when a restarted
      // server pruned the partial file, from zero: show the truth, and count only a restart from zero as lost.
      if (completed < layer.completed) {
        if (completed === 0) this.redownload += layer.completed
        layer.completed = completed
      }
    }
    if (line.total !== undefined) layer.total = line.total
    this.transferred += Math.max(0, completed - this.streamCompleted)
    this.streamCompleted = Math.max(this.streamCompleted, completed)
    layer.completed = Math.max(layer.completed, layer.total > 0 ? Math.min(completed, layer.total) : completed)
  }

  private finish(digest: string): void {
    const layer = this.layers.get(digest)
    if (!layer) return
    if (digest === this.currentDigest) this.transferred += Math.max(0, layer.total - this.streamCompleted)
    layer.completed = Math.max(layer.completed, layer.total)
  }

  /** Ollama verifies only after every layer is on disk. */
  private finishAll(): void {
    for (const digest of this.layers.keys()) this.finish(digest)
    this.currentDigest = undefined
  }

  private dropOldSamples(at: number): void {
    // Keep the newest sample at or before the window's start: the count at that moment is the baseline.
    const start = at - this.windowMs
    while ((this.samples[1]?.at ?? Infinity) <= start) this.samples.shift()
  }

  private speed(at: number): number | undefined {
    this.dropOldSamples(at)
    const first = this.samples[0]
    const last = this.samples.at(-1)
    if (!first || !last) return undefined
    const span = at - Math.max(first.at, at - this.windowMs)
    if (span <= 0) return undefined
    return ((last.transferred - first.transferred) / span) * 1000
  }
}
