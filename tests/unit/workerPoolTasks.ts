// Worker entry for workerPool.test.ts: plain Node (type stripping), no Vite.
import { AppError } from '../../src/shared/ipc/errors.ts'
import { serveTasks } from '../../src/main/workers/serveTasks.ts'

serveTasks({
  double: (n: number) => n * 2,
  refuse: (why: string) => {
    throw new AppError({ code: 'FILE_CORRUPT', message: why })
  },
  spin: () => {
    for (;;);
  },
  exit: () => process.exit(3),
  byteLength: (bytes: ArrayBuffer) => bytes.byteLength,
})
