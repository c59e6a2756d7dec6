import type { ExtractedDocument } from '../../../../shared/domain/documents.ts'
import type { AppWorkerPool } from '../../../workers/appWorker.ts'
import { tooLarge } from './fileErrors.ts'
import { DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT_MS } from './limits.ts'

export interface ExtractDocumentOptions {
  /** Larger files are refused before anything else (default 200 MB). */
  maxBytes?: number
  /** The worker is stopped after this long with TIME_LIMIT (default 3 minutes). */
  timeoutMs?: number
  /** Aborting stops the worker mid-extraction; the promise rejects with an AbortError. */
  signal?: AbortSignal
}

/**
 * Extracts a dropped file's text and structure in the app's worker pool. The bytes are moved to
 * the worker rather than copied: afterwards `bytes` is empty, unless it was a view into a larger
 * or shared buffer, which is copied instead. Rejects with an AppError naming the file (FILE_…,
 * TIME_LIMIT) or with an AbortError when cancelled; one file's failure leaves the pool ready for the next.
 */
export async function extractDocument(
  bytes: Uint8Array,
  fileName: string,
  options: ExtractDocumentOptions,
  pool: AppWorkerPool,
): Promise<ExtractedDocument> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES
  if (bytes.byteLength > maxBytes) throw tooLarge(fileName, bytes.byteLength, maxBytes)
  const owned = ownsWholeBuffer(bytes) ? bytes : bytes.slice()
  return pool.run(
    'extractDocument',
    { bytes: owned, fileName, maxBytes },
    {
      label: `reading ${fileName}`,
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      signal: options.signal,
      transfer: [owned.buffer as ArrayBuffer],
    },
  )
}

/** Only a whole, unshared ArrayBuffer can be transferred; Node's small Buffers are views into a common pool. */
function ownsWholeBuffer(bytes: Uint8Array): boolean {
  return bytes.buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
}
