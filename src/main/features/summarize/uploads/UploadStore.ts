import { randomUUID } from 'node:crypto'
import { formatBytes } from '../../../../shared/format.ts'
import { AppError } from '../../../../shared/ipc/errors.ts'
import { tooLarge } from '../extract/fileErrors.ts'

export interface UploadStoreOptions {
  /** The largest document accepted, read on every start so a changed setting applies at once. */
  maxBytes: () => number
  /** Uploads untouched this long are dropped (default 10 minutes). */
  expiryMs?: number
  /** Bytes all uploads together may reserve (default 1 GB, never less than one document's limit). */
  maxHeldBytes?: number
  now?: () => number
}

export interface UploadedFile {
  name: string
  bytes: Uint8Array
}

interface Upload extends UploadedFile {
  received: number
  touchedAt: number
  /** A window's upload it may abandon; a file the OS opened waits, however long, until a window takes or discards it. */
  expires: boolean
}

const DEFAULT_EXPIRY_MS = 10 * 60_000
const DEFAULT_MAX_HELD_BYTES = 1_000_000_000

/**
 * Files on their way from a window to a summary: declared with their size, received in pieces at
 * increasing offsets, taken whole by the job that reads them. Files the OS opened with the app are
 * held here too, whole. The buffer is allocated once at the
 * declared size, so a finished upload is a single ArrayBuffer the extraction worker can take over
 * without a copy. What a window abandons is dropped after a while, and the total held is capped.
 */
export class UploadStore {
  private readonly uploads = new Map<string, Upload>()
  private readonly maxBytes: () => number
  private readonly expiryMs: number
  private readonly maxHeldBytes: number
  private readonly now: () => number
  private sweeper: ReturnType<typeof setTimeout> | undefined

  constructor(options: UploadStoreOptions) {
    this.maxBytes = options.maxBytes
    this.expiryMs = options.expiryMs ?? DEFAULT_EXPIRY_MS
    this.maxHeldBytes = options.maxHeldBytes ?? DEFAULT_MAX_HELD_BYTES
    this.now = options.now ?? Date.now
  }

  /** Refuses a file over the limit before a byte of it is sent. */
  start(name: string, size: number): string {
    this.admit(name, size)
    return this.add({ name, bytes: new Uint8Array(size), received: 0, expires: true })
  }

  /** A whole file main read itself (one the OS opened with the app), under the same limits. */
  hold(name: string, bytes: Uint8Array): string {
    this.admit(name, bytes.byteLength)
    // It may wait behind a long batch or a first model download; it cannot be dropped again, as a window's file can.
    return this.add({ name, bytes, received: bytes.byteLength, expires: false })
  }

  /** Adds the next piece; answers the bytes received so far. */
  chunk(id: string, offset: number, base64: string): number {
    const upload = this.require(id)
    if (offset !== upload.received) {
      throw badUpload(`The upload of ${upload.name} skipped or repeated a piece (expected byte ${upload.received}, got ${offset}).`)
    }
    const piece = Buffer.from(base64, 'base64')
    if (upload.received + piece.byteLength > upload.bytes.byteLength) {
      this.uploads.delete(id)
      throw badUpload(`More of ${upload.name} arrived than its declared size of ${upload.bytes.byteLength.toLocaleString('en-US')} bytes.`)
    }
    upload.bytes.set(piece, upload.received)
    upload.received += piece.byteLength
    upload.touchedAt = this.now()
    return upload.received
  }

  /** The whole file, which is no longer held here. */
  take(id: string): UploadedFile {
    const upload = this.require(id)
    if (upload.received < upload.bytes.byteLength) {
      throw badUpload(
        `${upload.name} has not finished uploading (${formatBytes(upload.received)} of ${formatBytes(upload.bytes.byteLength)}).`,
      )
    }
    this.uploads.delete(id)
    return { name: upload.name, bytes: upload.bytes }
  }

  /** The file's name while its upload is held, finished or not. */
  nameOf(id: string): string | undefined {
    return this.uploads.get(id)?.name
  }

  /** False when there was no such upload. */
  discard(id: string): boolean {
    return this.uploads.delete(id)
  }

  private admit(name: string, size: number): void {
    this.sweep()
    const limit = this.maxBytes()
    if (size > limit) throw tooLarge(name, size, limit)
    const held = [...this.uploads.values()].reduce((sum, upload) => sum + upload.bytes.byteLength, 0)
    const room = Math.max(this.maxHeldBytes, limit)
    if (held + size > room) throw noRoom(name, held, room)
  }

  private add(upload: Omit<Upload, 'touchedAt'>): string {
    const id = randomUUID()
    this.uploads.set(id, { ...upload, touchedAt: this.now() })
    this.scheduleSweep()
    return id
  }

  private require(id: string): Upload {
    this.sweep()
    const upload = this.uploads.get(id)
    if (!upload) {
      throw badUpload('That file is no longer waiting to be summarized: its upload was finished, discarded, or left unused for too long.')
    }
    return upload
  }

  private sweep(): void {
    const oldest = this.now() - this.expiryMs
    for (const [id, upload] of this.uploads) if (upload.expires && upload.touchedAt <= oldest) this.uploads.delete(id)
  }

  /** While anything is held, a timer drops what is abandoned even if no other upload comes to do it; it never keeps the process alive. */
  private scheduleSweep(): void {
    if (this.sweeper !== undefined) return
    this.sweeper = setTimeout(() => {
      this.sweeper = undefined
      this.sweep()
      if (this.uploads.size > 0) this.scheduleSweep()
    }, this.expiryMs)
    this.sweeper.unref()
  }
}

function badUpload(message: string): AppError {
  return new AppError({ code: 'BAD_REQUEST', message, hint: 'Add the file again.' })
}

function noRoom(name: string, held: number, room: number): AppError {
  return new AppError({
    code: 'FILE_TOO_LARGE',
    message: `There is no room for ${name} now: ${formatBytes(held)} of other files are waiting to be summarized, and at most ${formatBytes(room)} can wait at once.`,
    hint: 'Summarize or remove the files already added, then add this one again.',
    retryable: true,
  })
}
