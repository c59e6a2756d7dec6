import { describe, expect, it, vi } from 'vitest'
import { StreamPump } from '../../src/main/ipc/streamPump.ts'

describe('StreamPump', () => {
  it('sends the first event at once, then batches what follows within a frame into a single flush', () => {
    vi.useFakeTimers()
    const batches: number[][] = []
    const pump = new StreamPump<number>((batch) => batches.push(batch), 16)
    for (let i = 0; i < 100; i++) pump.push(i)
    expect(batches).toEqual([[0]])
    vi.advanceTimersByTime(15)
    expect(batches).toHaveLength(1)
    vi.advanceTimersByTime(1)
    expect(batches).toEqual([[0], Array.from({ length: 99 }, (_, i) => i + 1)])
    // After a quiet frame the next event goes out at once again.
    vi.advanceTimersByTime(50)
    pump.push(100)
    expect(batches.at(-1)).toEqual([100])
    vi.useRealTimers()
  })

  it('flushes what is pending on close and ignores later pushes', () => {
    const batches: string[][] = []
    const pump = new StreamPump<string>((batch) => batches.push(batch), 1000)
    pump.push('a')
    pump.push('b')
    pump.push('c')
    pump.close()
    pump.push('d')
    expect(batches).toEqual([['a'], ['b', 'c']])
  })
})
