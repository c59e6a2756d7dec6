import path from 'node:path'
import type { OpenedFile } from '../../../shared/domain/openedFiles.ts'
import { AppError } from '../../../shared/ipc/errors.ts'
import { readDocumentFile } from './documentFile.ts'
import type { UploadStore } from './uploads/UploadStore.ts'

export interface OpenedFilesOptions {
  uploads: UploadStore
  /** The largest document accepted (the maxDocumentMb setting), read for every file. */
  maxBytes: () => number
  /** Tells the windows that files are waiting. */
  publish: (files: OpenedFile[]) => void
}

/**
 * Files the OS asks the app to open. Main reads them from the paths the OS gave (a window never
 * names a path) and holds them as uploads, exactly as if they had been dropped; they wait here
 * until a window takes them, so files opened while the app is still starting are not lost, and a
 * file opened once starts in one window only.
 */
export class OpenedFiles {
  private readonly options: OpenedFilesOptions
  private waiting: OpenedFile[] = []

  constructor(options: OpenedFilesOptions) {
    this.options = options
  }

  /** Reads the files one at a time (only one is read into memory at once), then announces them together. */
  async open(paths: readonly string[]): Promise<OpenedFile[]> {
    const files: OpenedFile[] = []
    for (const file of paths) files.push(await this.read(file))
    if (files.length === 0) return files
    this.waiting.push(...files)
    this.options.publish(files)
    return files
  }

  /** The files no window has taken yet; from now on they are the caller's. */
  take(): OpenedFile[] {
    return this.waiting.splice(0)
  }

  private async read(file: string): Promise<OpenedFile> {
    const name = path.basename(file)
    try {
      const bytes = await readDocumentFile(file, this.options.maxBytes())
      return { name, size: bytes.byteLength, uploadId: this.options.uploads.hold(name, bytes) }
    } catch (error) {
      const info =
        error instanceof AppError
          ? error.toInfo()
          : { code: 'INTERNAL' as const, message: `${file} could not be opened: ${error instanceof Error ? error.message : String(error)}` }
      return { name, error: info }
    }
  }
}
