import { UPLOAD_CHUNK_BYTES } from '../../../../shared/domain/summaryJobs.ts'
import { api } from '../../ipc/client.ts'
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
