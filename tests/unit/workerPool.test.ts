import { afterEach, describe, expect, it } from 'vitest'
import { AppError } from '../../src/shared/ipc/errors.ts'
import { WorkerPool } from '../../src/main/workers/WorkerPool.ts'

type Tasks = {
  double: (n: number) => number
  refuse: (why: string) => never
  spin: () => never
  exit: () => never
  byteLength: (bytes: ArrayBuffer) => number
}

const entry = new URL('./workerPoolTasks.ts', import.meta.url)
let pool: WorkerPool<Tasks>

afterEach(async () => {
  await pool.close()
})

describe('WorkerPool', () => {
  it('runs tasks in parallel workers and returns their values', async () => {
    pool = new WorkerPool<Tasks>({ entry, size: 2 })
    const values = await Promise.all([1, 2, 3, 4, 5].map((n) => pool.run('double', n, { label: 'doubling', timeoutMs: 10_000 })))
    expect(values).toEqual([2, 4, 6, 8, 10])
  })

  it('passes an AppError from the task through with its code', async () => {
    pool = new WorkerPool<Tasks>({ entry, size: 1 })
    const error = await pool.run('refuse', 'the file ends early', { label: 'reading', timeoutMs: 10_000 }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AppError)
    expect(error).toMatchObject({ code: 'FILE_CORRUPT', message: 'the file ends early' })
  })

  it('stops a task that overruns its limit with TIME_LIMIT, and the next task still runs', async () => {
    pool = new WorkerPool<Tasks>({ entry, size: 1 })
    const error = await pool
      .run('spin', undefined as never, { label: 'repairing the JSON syntax', timeoutMs: 300 })
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'TIME_LIMIT', message: expect.stringContaining('repairing the JSON syntax after 0.3 s') })
    expect(await pool.run('double', 21, { label: 'doubling', timeoutMs: 10_000 })).toBe(42)
  })

  it('cancels a running task and a queued one on abort', async () => {
    pool = new WorkerPool<Tasks>({ entry, size: 1 })
    const controller = new AbortController()
    const running = pool
      .run('spin', undefined as never, { label: 'spinning', timeoutMs: 60_000, signal: controller.signal })
      .catch((e: unknown) => e)
    const queued = pool.run('double', 1, { label: 'doubling', timeoutMs: 60_000, signal: controller.signal }).catch((e: unknown) => e)
    controller.abort()
    expect(await running).toMatchObject({ name: 'AbortError' })
    expect(await queued).toMatchObject({ name: 'AbortError' })
    expect(await pool.run('double', 2, { label: 'doubling', timeoutMs: 10_000 })).toBe(4)
  })

  it('reports a worker that dies mid-task and replaces it', async () => {
    pool = new WorkerPool<Tasks>({ entry, size: 1 })
    const error = await pool.run('exit', undefined as never, { label: 'parsing the PDF', timeoutMs: 10_000 }).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'INTERNAL', message: expect.stringContaining('while parsing the PDF') })
    expect(await pool.run('double', 5, { label: 'doubling', timeoutMs: 10_000 })).toBe(10)
  })

  it('moves transferred bytes instead of copying them', async () => {
    pool = new WorkerPool<Tasks>({ entry, size: 1 })
    const bytes = new ArrayBuffer(1024)
    expect(await pool.run('byteLength', bytes, { label: 'counting', timeoutMs: 10_000, transfer: [bytes] })).toBe(1024)
    expect(bytes.byteLength).toBe(0)
  })
})
