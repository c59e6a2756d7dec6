export interface Timing {
  p50Us: number
  p95Us: number
  meanUs: number
  samples: number
}

/** Percentiles of per-call durations in microseconds. */
export function summarize(durationsNs: bigint[]): Timing {
  const us = durationsNs.map((d) => Number(d) / 1000).sort((a, b) => a - b)
  const at = (q: number): number => us[Math.min(us.length - 1, Math.floor(q * us.length))] ?? 0
  const mean = us.reduce((sum, v) => sum + v, 0) / Math.max(1, us.length)
  const round = (v: number): number => Math.round(v * 10) / 10
  return { p50Us: round(at(0.5)), p95Us: round(at(0.95)), meanUs: round(mean), samples: us.length }
}

/** Times `iterations` sequential calls after a warm-up, one sample per call. */
export async function measure(iterations: number, call: () => Promise<unknown>): Promise<Timing> {
  for (let i = 0; i < Math.min(200, iterations); i++) await call()
  const durations: bigint[] = []
  for (let i = 0; i < iterations; i++) {
    const start = process.hrtime.bigint()
    await call()
    durations.push(process.hrtime.bigint() - start)
  }
  return summarize(durations)
}

/** The middle value (the mean of the two middle ones for an even count); repeated runs are summarized by it. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  if (sorted.length === 0) return NaN
  return sorted.length % 2 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2
}

/** The progress events one pull delivered to a listener. */
export interface EventCounts {
  all: number
  /** Those that only moved the progress on: the ones the throttle paces. The rest change the state (queued, running, done). */
  progress: number
  /** Most events, and most progress events, inside any one-second window of the pull. */
  peakPerS: number
  peakProgressPerS: number
}

/**
 * Most timestamps (ms) inside any window of `windowMs`, the rate a listener sees at its busiest. The
 * window is half-open: events exactly 100 ms apart put 10, not 11, into a second.
 */
export function peakInWindow(timesMs: number[], windowMs = 1000): number {
  const sorted = [...timesMs].sort((a, b) => a - b)
  let peak = 0
  let start = 0
  for (let end = 0; end < sorted.length; end++) {
    while ((sorted[end] ?? 0) - (sorted[start] ?? 0) >= windowMs) start++
    peak = Math.max(peak, end - start + 1)
  }
  return peak
}

/**
 * Splits what a listener received into state changes and progress: an event whose state is the
 * same as the one before only moved the progress on, and only those are paced by the throttle.
 */
export function countEvents(arrivals: { atMs: number; state: string }[]): EventCounts {
  const progress = arrivals.filter((a, i) => i > 0 && a.state === arrivals[i - 1]?.state)
  return {
    all: arrivals.length,
    progress: progress.length,
    peakPerS: peakInWindow(arrivals.map((a) => a.atMs)),
    peakProgressPerS: peakInWindow(progress.map((a) => a.atMs)),
  }
}
