import { readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import { AppError } from '../../../shared/ipc/errors.ts'
import { tooLarge } from './extract/fileErrors.ts'

/**
 * A document from a path given by the person or their OS (the CLI's arguments, "Open with"),
 * refused by its size before it is read. Errors name the path and say what to do.
 */
export async function readDocumentFile(file: string, maxBytes: number): Promise<Uint8Array> {
  const info = await stat(file).catch((error: unknown) => Promise.reject(unreadable(file, error)))
  if (!info.isFile())
    throw new AppError({ code: 'FILE_UNSUPPORTED', message: `${file} is not a file.`, hint: 'Name a document, not a folder.' })
  if (info.size > maxBytes) throw tooLarge(path.basename(file), info.size, maxBytes)
  const bytes = await readFile(file).catch((error: unknown) => Promise.reject(unreadable(file, error)))
  // A view, not a copy: the extraction worker takes the buffer over when it is the file's own.
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}

function unreadable(file: string, error: unknown): AppError {
  const missing = (error as NodeJS.ErrnoException).code === 'ENOENT'
  return new AppError({
    code: 'BAD_REQUEST',
    message: missing ? `${file} does not exist.` : `${file} cannot be read: ${(error as Error).message}`,
    hint: missing ? 'Check the path.' : 'Check that you may read it.',
  })
}
