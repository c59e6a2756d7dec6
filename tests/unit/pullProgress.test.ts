import { afterEach, describe, expect, it, vi } from 'vitest'
import { ProgressThrottle, type ThrottleTimers } from '../../src/main/ollama/progressThrottle.ts'
import { phaseOf, PullProgressTracker, type PullLine } from '../../src/main/ollama/pullProgress.ts'
import { PullProgress } from '../../src/shared/domain/pull.ts'

const A = 'sha256:aaaaaaaaaaaa0000000000000000000000000000000000000000000000000000'
const B = 'sha256:bbbbbbbbbbbb0000000000000000000000000000000000000000000000000000'
const C = 'sha256:cccccccccccc0000000000000000000000000000000000000000000000000000'
const MB = 1_000_000

const layer = (digest: string, total: number, completed?: number): PullLine => ({
  status: `pulling ${digest.slice(7, 19)}`,
  digest,
  total,
  ...(completed === undefined ? {} : { completed }),
})

/** A tracker on a hand-driven clock; `feed` advances it by `stepMs` before each line. */
function trackerAt(startMs = 0) {
  let now = startMs
  const tracker = new PullProgressTracker({ now: () => now })
  return {
    tracker,
    feed(lines: PullLine[], stepMs = 0) {
      for (const line of lines) {
        now += stepMs
        tracker.update(line)
      }
      return tracker.snapshot()
    },
    advance(ms: number) {
      now += ms
      return tracker.snapshot()
    },
  }
}

describe('phaseOf', () => {
  it.each([
    ['pulling manifest', 'manifest'],
    ['pulling 2bada8a74506', 'downloading'],
    ['verifying sha256 digest', 'verifying'],
    ['writing manifest', 'writing'],
    ['removing unused layers', 'cleaning'],
    ['removing any unused layers', 'cleaning'],
    ['success', 'success'],
  ])('%s → %s', (status, phase) => {
    expect(phaseOf(status)).toBe(phase)
  })

  it('does not guess at texts it does not know', () => {
    expect(phaseOf('retrieving model')).toBeUndefined()
    expect(phaseOf('')).toBeUndefined()
  })
})

describe('PullProgressTracker', () => {
  it('starts in the manifest phase with nothing known', () => {
    const snapshot = new PullProgressTracker({ now: () => 0 }).snapshot()
    expect(snapshot).toEqual({ phase: 'manifest', status: '', completedBytes: 0, totalBytes: 0, layers: 0 })
    expect(snapshot.percent).toBeUndefined()
    expect(snapshot.bytesPerSecond).toBeUndefined()
  })

  it('sums completed and total over distinct digests, not the current layer', () => {
    const { feed } = trackerAt()
    expect(feed([{ status: 'pulling manifest' }, layer(A, 800), layer(A, 800, 400)])).toMatchObject({
      phase: 'downloading',
      status: 'pulling aaaaaaaaaaaa',
      completedBytes: 400,
      totalBytes: 800,
      percent: 50,
      layers: 1,
      currentDigest: A,
    })
    expect(feed([layer(A, 800, 800), layer(B, 200), layer(B, 200, 100)])).toMatchObject({
      completedBytes: 900,
      totalBytes: 1000,
      percent: 90,
      layers: 2,
      currentDigest: B,
    })
  })

  it('reads a missing completed as 0 and still learns the total from that line', () => {
    const { feed } = trackerAt()
    const snapshot = feed([{ status: 'pulling manifest' }, layer(A, 4_683_073_952)])
    expect(snapshot).toMatchObject({ completedBytes: 0, totalBytes: 4_683_073_952, percent: 0, layers: 1 })
  })

  it('counts a layer whose last line fell short as complete once the next digest starts', () => {
    const { feed } = trackerAt()
    const snapshot = feed([{ status: 'pulling manifest' }, layer(A, 1000), layer(A, 1000, 930), layer(B, 50)])
    expect(snapshot).toMatchObject({ completedBytes: 1000, totalBytes: 1050, currentDigest: B })
  })

  it('counts every layer as complete at verifying and reaches 100%', () => {
    const { feed } = trackerAt()
    feed([{ status: 'pulling manifest' }, layer(A, 1000, 500), layer(B, 50), layer(C, 7)])
    const verifying = feed([{ status: 'verifying sha256 digest' }])
    expect(verifying).toMatchObject({ phase: 'verifying', completedBytes: 1057, totalBytes: 1057, percent: 100 })
    expect(verifying.currentDigest).toBeUndefined()
    expect(feed([{ status: 'writing manifest' }]).phase).toBe('writing')
    expect(feed([{ status: 'removing unused layers' }]).phase).toBe('cleaning')
    expect(feed([{ status: 'success' }])).toMatchObject({ phase: 'success', status: 'success', percent: 100, layers: 3 })
  })

  it('shows the truth when a retry starts a layer over, and counts what has to be downloaded again', () => {
    const { feed } = trackerAt()
    expect(feed([{ status: 'pulling manifest' }, layer(A, 1000, 600)]).redownloadBytes).toBeUndefined()
    // A restarted server pruned the partial blob: the retry starts A from 0 again.
    const retried = feed([{ status: 'pulling manifest' }, layer(A, 1000), layer(A, 1000, 200)])
    expect(retried).toMatchObject({ phase: 'downloading', completedBytes: 200, totalBytes: 1000, redownloadBytes: 600 })
    expect(feed([layer(A, 1000, 750)]).completedBytes).toBe(750)
  })

  it('takes a retry that resumes a little lower (the server dropped a cut-off part) without calling it a restart', () => {
    const { feed } = trackerAt()
    feed([{ status: 'pulling manifest' }, layer(A, 1000, 600)])
    const retried = feed([{ status: 'pulling manifest' }, layer(A, 1000, 550)])
    expect(retried.completedBytes).toBe(550)
    expect(retried.redownloadBytes).toBeUndefined()
  })

  it('does not count a layer reported again within one stream as lost', () => {
    const { feed } = trackerAt()
    const snapshot = feed([{ status: 'pulling manifest' }, layer(A, 1000, 600), layer(A, 1000, 550), layer(A, 1000, 700)])
    expect(snapshot).toMatchObject({ completedBytes: 700 })
    expect(snapshot.redownloadBytes).toBeUndefined()
  })

  it('does not treat the layer cut off by a dropped stream as finished when the retry starts', () => {
    const { feed } = trackerAt()
    feed([{ status: 'pulling manifest' }, layer(A, 100), layer(A, 100, 100), layer(B, 1000, 300)])
    // The retry walks the layers again from the first: A (on disk, one line), then B from where it stopped.
    const retried = feed([{ status: 'pulling manifest' }, layer(A, 100, 100)])
    expect(retried).toMatchObject({ completedBytes: 400, totalBytes: 1100, currentDigest: A })
    expect(feed([layer(B, 1000, 300)])).toMatchObject({ completedBytes: 400, currentDigest: B })
  })

  it('measures speed over a moving window of about 5 s and derives the ETA', () => {
    const { feed, advance } = trackerAt(1_000_000)
    feed([{ status: 'pulling manifest' }, layer(A, 1000 * MB)])
    expect(advance(0).bytesPerSecond).toBeUndefined()
    // 10 MB every second for 10 s.
    let snapshot = feed(
      Array.from({ length: 10 }, (_, i) => layer(A, 1000 * MB, (i + 1) * 10 * MB)),
      1000,
    )
    expect(snapshot.completedBytes).toBe(100 * MB)
    expect(snapshot.bytesPerSecond).toBeCloseTo(10 * MB, 0)
    expect(snapshot.etaSeconds).toBe(90)
    // Speeds up to 40 MB/s: after 5 s the window holds only the new rate.
    snapshot = feed(
      Array.from({ length: 5 }, (_, i) => layer(A, 1000 * MB, 100 * MB + (i + 1) * 40 * MB)),
      1000,
    )
    expect(snapshot.completedBytes).toBe(300 * MB)
    expect(snapshot.bytesPerSecond).toBeCloseTo(40 * MB, 0)
    expect(snapshot.etaSeconds).toBe(18)
    expect(PullProgress.parse(snapshot)).toEqual(snapshot)
  })

  it('lets the speed decay to 0 during a stall and then gives no ETA', () => {
    const { feed, advance } = trackerAt()
    feed([{ status: 'pulling manifest' }, layer(A, 1000 * MB)])
    feed([layer(A, 1000 * MB, 10 * MB), layer(A, 1000 * MB, 20 * MB)], 1000)
    expect(advance(2_500).bytesPerSecond).toBeCloseTo((20 * MB) / 4.5, 0)
    const stalled = advance(10_000)
    expect(stalled.bytesPerSecond).toBe(0)
    expect(stalled.etaSeconds).toBeUndefined()
  })

  it('does not count bytes already on disk as speed when a layer resumes or is cached', () => {
    const { feed } = trackerAt()
    feed([{ status: 'pulling manifest' }, layer(A, 100 * MB, 100 * MB), layer(B, 1000 * MB, 500 * MB)], 1000)
    const snapshot = feed([layer(B, 1000 * MB, 510 * MB)], 1000)
    expect(snapshot.completedBytes).toBe(610 * MB)
    // 10 MB arrived in the 3 s since the stream started, not 610 MB.
    expect(snapshot.bytesPerSecond).toBeCloseTo((10 * MB) / 3, 0)
  })
})

describe('ProgressThrottle', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('turns 1000 updates in 1 s into at most 10 forwards plus the final one', () => {
    vi.useFakeTimers()
    const forwarded: { value: number; at: number }[] = []
    const throttle = new ProgressThrottle<number>((value) => forwarded.push({ value, at: Date.now() }))
    const start = Date.now()
    for (let i = 0; i < 1000; i++) {
      throttle.push(i)
      vi.advanceTimersByTime(1)
    }
    throttle.close()
    expect(forwarded.length).toBeLessThanOrEqual(11)
    expect(forwarded.filter((f) => f.at - start < 1000).length).toBeLessThanOrEqual(10)
    expect(forwarded[0]).toEqual({ value: 0, at: start })
    expect(forwarded.at(-1)?.value).toBe(999)
    for (let i = 1; i < forwarded.length; i++) expect(forwarded[i]!.at - forwarded[i - 1]!.at).toBeGreaterThanOrEqual(100)
    const values = forwarded.map((f) => f.value)
    expect(values).toEqual([...values].sort((a, b) => a - b))
  })

  it('delivers the last value by itself after the interval, without a flush', () => {
    vi.useFakeTimers()
    const forwarded: string[] = []
    const throttle = new ProgressThrottle<string>((value) => forwarded.push(value), { intervalMs: 100 })
    throttle.push('first')
    throttle.push('middle')
    throttle.push('last')
    expect(forwarded).toEqual(['first'])
    vi.advanceTimersByTime(99)
    expect(forwarded).toEqual(['first'])
    vi.advanceTimersByTime(1)
    expect(forwarded).toEqual(['first', 'last'])
    vi.advanceTimersByTime(1000)
    expect(forwarded).toEqual(['first', 'last'])
  })

  it('keeps a transition marked distinct, delivering it in its own slot rather than replacing it', () => {
    vi.useFakeTimers()
    const forwarded: { value: string; at: number }[] = []
    const start = Date.now()
    const throttle = new ProgressThrottle<string>((value) => forwarded.push({ value, at: Date.now() - start }), {
      distinct: (previous, next) => previous[0] !== next[0],
    })
    for (const value of ['a1', 'a2', 'b1', 'b2', 'b3', 'c1']) throttle.push(value)
    vi.advanceTimersByTime(1000)
    expect(forwarded).toEqual([
      { value: 'a1', at: 0 },
      { value: 'a2', at: 100 },
      { value: 'b3', at: 200 },
      { value: 'c1', at: 300 },
    ])
  })

  it('waits out the interval when a timer fires early by the clock', () => {
    let now = 0
    const scheduled: { run: () => void; ms: number }[] = []
    const timers: ThrottleTimers = { now: () => now, setTimeout: (run, ms) => scheduled.push({ run, ms }), clearTimeout: () => {} }
    const forwarded: number[] = []
    const throttle = new ProgressThrottle<number>((value) => forwarded.push(value), { timers })
    throttle.push(1)
    throttle.push(2)
    now = 99
    scheduled.shift()?.run()
    expect(forwarded).toEqual([1])
    expect(scheduled.map((s) => s.ms)).toEqual([1])
    now = 100
    scheduled.shift()?.run()
    expect(forwarded).toEqual([1, 2])
  })

  it('flushes the final value at once and ignores pushes after close', () => {
    vi.useFakeTimers()
    const forwarded: number[] = []
    const throttle = new ProgressThrottle<number>((value) => forwarded.push(value))
    throttle.push(1)
    throttle.push(2)
    throttle.close()
    expect(forwarded).toEqual([1, 2])
    throttle.push(3)
    vi.advanceTimersByTime(1000)
    expect(forwarded).toEqual([1, 2])
  })

  it('uses the clock and timers it is given', () => {
    let now = 0
    const scheduled: { run: () => void; at: number }[] = []
    const timers: ThrottleTimers = {
      now: () => now,
      setTimeout: (run, ms) => scheduled.push({ run, at: now + ms }),
      clearTimeout: () => {},
    }
    const forwarded: number[] = []
    const throttle = new ProgressThrottle<number>((value) => forwarded.push(value), { intervalMs: 250, timers })
    throttle.push(1)
    now = 10
    throttle.push(2)
    expect(forwarded).toEqual([1])
    expect(scheduled.map((s) => s.at)).toEqual([250])
    now = 250
    scheduled[0]?.run()
    expect(forwarded).toEqual([1, 2])
  })
})
