import { describe, expect, it, vi } from 'vitest'
import { StreamPump } from '../../src/main/ipc/streamPump.ts'

describe('StreamPump', () => {
  it('sends the first two events at once, then batches what follows, about one message per frame', () => {
    vi.useFakeTimers()
    const batches: number[][] = []
    const pump = new StreamPump<number>((batch) => batches.push(batch), 16)
    for (let i = 0; i < 100; i++) pump.push(i)
    expect(batches).toEqual([[0], [1]])
    vi.advanceTimersByTime(15)
    expect(batches).toHaveLength(2)
    vi.advanceTimersByTime(1)
    expect(batches).toEqual([[0], [1], Array.from({ length: 98 }, (_, i) => i + 2)])
    // A steady stream afterwards: one message per frame.
    for (let frame = 0; frame < 10; frame++) {
      pump.push(1000 + frame)
      vi.advanceTimersByTime(16)
    }
    expect(batches.length).toBeLessThanOrEqual(3 + 11)
    // After a quiet moment the next event goes out at once again.
    vi.advanceTimersByTime(100)
    pump.push(2000)
    expect(batches.at(-1)).toEqual([2000])
    vi.useRealTimers()
  })

  it('flushes what is pending on close and ignores later pushes', () => {
    const batches: string[][] = []
    const pump = new StreamPump<string>((batch) => batches.push(batch), 1000)
    pump.push('a')
    pump.push('b')
    pump.push('c')
    pump.push('d')
    pump.close()
    pump.push('e')
    expect(batches).toEqual([['a'], ['b'], ['c', 'd']])
  })
})
