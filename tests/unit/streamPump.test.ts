import { describe, expect, it, vi } from 'vitest'
import { StreamPump } from '../../src/main/ipc/streamPump.ts'

describe('StreamPump', () => {
  it('sends events pushed together as one message at the end of the task, the next two at once, then about one per frame', async () => {
    vi.useFakeTimers()
    const batches: number[][] = []
    const pump = new StreamPump<number>((batch) => batches.push(batch), 16)
    pump.push(-2)
    pump.push(-1)
    expect(batches).toEqual([])
    await Promise.resolve()
    expect(batches).toEqual([[-2, -1]])
    for (let i = 0; i < 100; i++) {
      pump.push(i)
      await Promise.resolve()
    }
    expect(batches).toEqual([[-2, -1], [0]])
    vi.advanceTimersByTime(15)
    expect(batches).toHaveLength(2)
    vi.advanceTimersByTime(1)
    expect(batches).toEqual([[-2, -1], [0], Array.from({ length: 99 }, (_, i) => i + 1)])
    // A steady stream afterwards: one message per frame.
    for (let frame = 0; frame < 10; frame++) {
      pump.push(1000 + frame)
      vi.advanceTimersByTime(16)
    }
    expect(batches.length).toBeLessThanOrEqual(3 + 11)
    // After a quiet moment the next event goes out at once again.
    vi.advanceTimersByTime(100)
    pump.push(2000)
    await Promise.resolve()
    expect(batches.at(-1)).toEqual([2000])
    vi.useRealTimers()
  })

  it('sends a steady stream as 20 messages a second by default', async () => {
    vi.useFakeTimers()
    const batches: number[][] = []
    const pump = new StreamPump<number>((batch) => batches.push(batch))
    // 2,000 events a second for a second, as a fast model's tokens arrive.
    for (let ms = 0; ms < 1000; ms++) {
      pump.push(ms * 2)
      pump.push(ms * 2 + 1)
      await vi.advanceTimersByTimeAsync(1)
    }
    pump.close()
    vi.useRealTimers()
    expect(batches.flat()).toEqual(Array.from({ length: 2000 }, (_, i) => i))
    expect(batches.length).toBeGreaterThanOrEqual(19)
    expect(batches.length).toBeLessThanOrEqual(22)
  })

  it('flushes what is pending on close and ignores later pushes', async () => {
    const batches: string[][] = []
    const pump = new StreamPump<string>((batch) => batches.push(batch), 1000)
    pump.push('a')
    await Promise.resolve()
    pump.push('b')
    await Promise.resolve()
    pump.push('c')
    pump.push('d')
    pump.close()
    pump.push('e')
    await Promise.resolve()
    expect(batches).toEqual([['a'], ['b'], ['c', 'd']])
  })
})
