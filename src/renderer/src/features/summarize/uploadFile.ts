import { UPLOAD_CHUNK_BYTES } from '../../../../shared/domain/summaryJobs.ts'
import { api, CallError } from '../../ipc/client.ts'
import type { IncomingFile } from '../../ui/navigation.ts'
import { blobToBase64 } from '../../ui/base64.ts'

/**
 * Sends a file to main in pieces and answers its upload id. A failure or an abort part-way
 * discards what was sent, so main is never left holding half a file.
 */
export async function uploadFile(file: File, onSent: (bytes: number) => void, signal: AbortSignal): Promise<string> {
  const { id } = await api.invoke('uploads:start', { name: file.name, size: file.size })
  try {
    for (let offset = 0; offset < file.size; offset += UPLOAD_CHUNK_BYTES) {
      signal.throwIfAborted()
      const piece = file.slice(offset, offset + UPLOAD_CHUNK_BYTES)
      await api.invoke('uploads:chunk', { id, offset, data: await blobToBase64(piece) })
      onSent(offset + piece.size)
    }
    signal.throwIfAborted()
    return id
  } catch (error) {
    void api.invoke('uploads:discard', { id }).catch(() => undefined)
    throw error
  }
}

/** The file's upload id: a dropped or picked file is sent now; one the OS opened is in main already, or failed there. */
export function uploadIncoming(file: IncomingFile, onSent: (bytes: number) => void, signal: AbortSignal): Promise<string> {
  if (file instanceof File) return uploadFile(file, onSent, signal)
  if ('error' in file) return Promise.reject(new CallError(file.error))
  return Promise.resolve(file.uploadId)
}

/** Lets go of files the OS opened that will not be summarized after all (main holds them until then). */
export function releaseIncoming(files: IncomingFile[]): void {
  for (const file of files) {
    if (!(file instanceof File) && 'uploadId' in file) void api.invoke('uploads:discard', { id: file.uploadId }).catch(() => undefined)
  }
}
