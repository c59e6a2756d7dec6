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
