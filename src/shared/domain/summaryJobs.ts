import { z } from 'zod'
import { ErrorInfo } from '../ipc/errors.ts'
import { DocumentFormat } from './documents.ts'
import { SummaryOptions, SummaryProgress, SummaryResult } from './summary.ts'

const Id = z.string().min(1).max(100)

/**
 * Files reach main as bytes, never as paths: uploaded in pieces, then named by their upload id.
 * A piece is small enough for any transport (the web bridge's 16 MB frames) and for the page to
 * serialize and send without a noticeable pause.
 */
export const UPLOAD_CHUNK_BYTES = 1024 * 1024
export const UploadStart = z
  .object({
    name: z.string().min(1).max(500),
    size: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31),
  })
  .strict()
export const UploadChunk = z
  .object({
    id: Id,
    offset: z.number().int().min(0),
    data: z
      .string()
      .max(Math.ceil(UPLOAD_CHUNK_BYTES / 3) * 4)
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64'),
  })
  .strict()

export const SummarizeRequest = z.object({ uploads: z.array(Id).min(1).max(50), options: SummaryOptions }).strict()
export type SummarizeRequest = z.infer<typeof SummarizeRequest>

export const FileStage = z.enum(['waiting', 'reading', 'summarizing', 'done', 'failed', 'cancelled'])
export type FileStage = z.infer<typeof FileStage>

/** What a screen knows of one file of a batch while it runs. */
export const FileStatus = z.object({
  index: z.number().int().min(0),
  name: z.string(),
  stage: FileStage,
  format: DocumentFormat.optional(),
  /** Characters of text extracted, and pages for paged formats. */
  chars: z.number().int().min(0).optional(),
  pages: z.number().int().min(0).optional(),
  progress: SummaryProgress.optional(),
  error: ErrorInfo.optional(),
  /** The stored summary, once there is one (also for a cancelled file's partial work). */
  summaryId: Id.optional(),
})
export type FileStatus = z.infer<typeof FileStatus>

/** Streamed while a batch runs: a file's new status, whole each time. */
export const SummarizeEvent = z.object({ type: z.literal('file'), file: FileStatus })
export type SummarizeEvent = z.infer<typeof SummarizeEvent>

export const SummarizeOutcome = z.object({ files: z.array(FileStatus) })
export type SummarizeOutcome = z.infer<typeof SummarizeOutcome>

/** A summary as kept in history. */
export const StoredSummary = z.object({
  id: Id,
  fileName: z.string(),
  format: DocumentFormat,
  options: SummaryOptions,
  result: SummaryResult,
  /** The document's own section titles and page count, for the coverage map's labels. */
  pages: z.number().int().min(0).optional(),
  createdAt: z.number(),
})
export type StoredSummary = z.infer<typeof StoredSummary>

export const SummaryListItem = z.object({
  id: Id,
  fileName: z.string(),
  format: DocumentFormat,
  model: z.string(),
  complete: z.boolean(),
  /** The first words of the summary, or the search match with HIT_START/HIT_END marks. */
  snippet: z.string(),
  createdAt: z.number(),
})
export type SummaryListItem = z.infer<typeof SummaryListItem>
