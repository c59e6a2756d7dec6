import { z } from 'zod'
import { ErrorInfo } from '../ipc/errors.ts'

/**
 * A file the OS opened with the app ("Open with", a double-click, a path on the command line), as
 * main read it: held as an upload ready to summarize, or the reason it could not be read.
 */
export const OpenedFile = z.union([
  z.object({ name: z.string(), size: z.number().int().min(0), uploadId: z.string().min(1).max(100) }).strict(),
  z.object({ name: z.string(), error: ErrorInfo }).strict(),
])
export type OpenedFile = z.infer<typeof OpenedFile>

export const OpenedFiles = z.object({ files: z.array(OpenedFile) })
export type OpenedFiles = z.infer<typeof OpenedFiles>
