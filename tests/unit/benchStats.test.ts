import { describe, expect, it } from 'vitest'
import { pullTable, type PullRow } from '../../bench/pullBench.ts'
import { countEvents, median, peakInWindow } from '../../bench/stats.ts'

// The pull bench's "events per second" claims rest on these counts; timestamps here are made up, nothing is timed.
describe('bench statistics', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([3, 1, 2])).toBe(2)
    expect(median([4, 1, 3, 2])).toBe(2.5)
    expect(median([])).toBeNaN()
  })

  it('counts events in the busiest one-second window, half-open', () => {
    const every = (stepMs: number, count: number) => Array.from({ length: count }, (_, i) => i * stepMs)
    expect(peakInWindow(every(100, 30))).toBe(10)
    // 99 ms apart, as a throttle on a millisecond clock can deliver, an eleventh fits.
    expect(peakInWindow(every(99, 30))).toBe(11)
    expect(peakInWindow([5000, 0, 4999.5, 4000.1])).toBe(3)
    expect(peakInWindow([])).toBe(0)
  })

  it('tells state changes from progress events', () => {
    const states = ['queued', 'running', 'running', 'running', 'running', 'done']
    const counts = countEvents(states.map((state, i) => ({ atMs: i === 0 ? 0 : i * 100, state })))
    expect(counts).toEqual({ all: 6, progress: 3, peakPerS: 6, peakProgressPerS: 3 })
  })
})

describe('pull bench table', () => {
  it('prints one line per row and n/a where the bare client has no events', () => {
    const row = (path: PullRow['path'], events?: number): PullRow => ({
      name: path,
      path,
      chunkBytes: 1024 * 1024,
      runs: 3,
      wallS: 5,
      cpuMsPerGB: 100,
      events,
      eventsPerS: events === undefined ? undefined : events / 5,
      progressEventsPerS: events === undefined ? undefined : (events - 3) / 5,
      peakEventsPerS: events === undefined ? undefined : 11,
      peakProgressEventsPerS: events === undefined ? undefined : 10,
      lines: path === 'baseline' ? 4480 : undefined,
      cpuRatio: 1,
      wallRatio: 1,
      samples: [],
    })
    const table = pullTable({ rows: [row('baseline'), row('events', 53), row('bridge', 53)] }).split('\n')
    expect(table.filter((line) => line.startsWith('| ')).map((line) => line.split(' | ')[0])).toEqual([
      '| path',
      '| baseline',
      '| events',
      '| bridge',
    ])
    expect(table.find((line) => line.startsWith('| baseline'))).toContain('| n/a |')
    expect(table.find((line) => line.startsWith('| bridge'))).toContain('| 10.6 (10) | 11 (10) |')
    expect(table.join('\n')).toContain('4480 at 1 MiB')
  })
})
