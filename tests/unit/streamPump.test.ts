import { describe, expect, it, vi } from 'vitest'
import { StreamPump } from '../../src/main/ipc/streamPump.ts'

describe('StreamPump', () => {
  it('batches events pushed within one frame into a single flush', () => {
    vi.useFakeTimers()
    const batches: number[][] = []
    const pump = new StreamPump<number>((batch) => batches.push(batch), 16)
    for (let i = 0; i < 100; i++) pump.push(i)
    expect(batches).toEqual([])
    vi.advanceTimersByTime(16)
    expect(batches).toHaveLength(1)
    expect(batches[0]).toHaveLength(100)
    pump.push(100)
    vi.advanceTimersByTime(16)
    expect(batches).toEqual([Array.from({ length: 100 }, (_, i) => i), [100]])
    vi.useRealTimers()
  })

  it('flushes what is pending on close and ignores later pushes', () => {
    const batches: string[][] = []
    const pump = new StreamPump<string>((batch) => batches.push(batch), 1000)
    pump.push('a')
    pump.push('b')
    pump.close()
    pump.push('c')
    expect(batches).toEqual([['a', 'b']])
  })
})
