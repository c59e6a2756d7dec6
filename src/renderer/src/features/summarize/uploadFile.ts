import { UPLOAD_CHUNK_BYTES } from '../../../../shared/domain/summaryJobs.ts'
import { api } from '../../ipc/client.ts'

/** Bytes as base64 without one giant intermediate string argument list (the spread limit is far below 4 MB). */
export function toBase64(bytes: Uint8Array): string {
  const STEP = 0x8000
  let binary = ''
  for (let i = 0; i < bytes.length; i += STEP) binary += String.fromCharCode(...bytes.subarray(i, i + STEP))
  return btoa(binary)
}

/**
 * Sends a file to main in pieces and answers its upload id. A failure or an abort part-way
 * discards what was sent, so main is never left holding half a file.
 */
export async function uploadFile(file: File, onSent: (bytes: number) => void, signal: AbortSignal): Promise<string> {
  const { id } = await api.invoke('uploads:start', { name: file.name, size: file.size })
  try {
    for (let offset = 0; offset < file.size; offset += UPLOAD_CHUNK_BYTES) {
      signal.throwIfAborted()
      const piece = new Uint8Array(await file.slice(offset, offset + UPLOAD_CHUNK_BYTES).arrayBuffer())
      await api.invoke('uploads:chunk', { id, offset, data: toBase64(piece) })
      onSent(offset + piece.length)
    }
    signal.throwIfAborted()
    return id
  } catch (error) {
    void api.invoke('uploads:discard', { id }).catch(() => undefined)
    throw error
  }
}
