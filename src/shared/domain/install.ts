import { z } from 'zod'
import { ErrorInfo } from '../ipc/errors.ts'

/** The steps of installing Ollama into the app's data folder. */
export const InstallProgress = z.object({
  phase: z.enum(['checksum', 'downloading', 'verifying', 'unpacking', 'done']),
  receivedBytes: z.number().nonnegative(),
  totalBytes: z.number().nonnegative().optional(),
  bytesPerSecond: z.number().nonnegative().optional(),
})
export type InstallProgress = z.infer<typeof InstallProgress>

/** The one managed install main runs (or last ran), as every window sees it. */
export const InstallJob = z.object({
  state: z.enum(['idle', 'running', 'done', 'failed', 'cancelled']),
  progress: InstallProgress.optional(),
  error: ErrorInfo.optional(),
  /** Where the installed `ollama` is, once done. */
  executable: z.string().optional(),
  version: z.string().optional(),
})
export type InstallJob = z.infer<typeof InstallJob>
