import type { ExtractedDocument } from '../../../../shared/domain/documents.ts'
import { extractFromBytes } from './extractFromBytes.ts'

export interface ExtractTaskInput {
  /** Transferred to the worker, not copied. */
  bytes: Uint8Array
  fileName: string
  maxBytes: number
}

/** The worker side of `extractDocument`. */
export function extractDocumentTask(input: ExtractTaskInput): Promise<ExtractedDocument> {
  return extractFromBytes(input.bytes, input.fileName, { maxBytes: input.maxBytes })
}
