import { buffer as collect } from 'node:stream/consumers'
import { fromBufferPromise, type Entry, type ZipFile } from 'yauzl'
import { corruptFile, unpacksTooLarge } from './fileErrors.ts'

/** Past this a single part would not fit the worker's memory as text; a small file that unpacks this big is a zip bomb. */
const MAX_PART_BYTES = 250_000_000

/** The parts of an in-memory ZIP container (DOCX, ODT, EPUB) by name, read on demand. */
export interface ZipArchive {
  has(name: string): boolean
  /** Throws the file's error when the part is missing or would unpack too large. */
  check(name: string): void
  read(name: string): Promise<Buffer>
  readText(name: string): Promise<string>
}

/**
 * Opens a container from its bytes, without copying them (so there is nothing to close). Only the central directory is read here,
 * so a truncated or damaged file fails at once; each part is size-checked before it is inflated.
 */
export async function openZip(bytes: Uint8Array, fileName: string): Promise<ZipArchive> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let zip: ZipFile
  const entries = new Map<string, Entry>()
  try {
    zip = await fromBufferPromise(buffer, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false })
    for await (const entry of zip.eachEntry()) entries.set(entry.fileName, entry)
  } catch {
    throw corruptFile(fileName, 'its archive structure is broken or cut off')
  }

  const check = (name: string): Entry => {
    const entry = entries.get(name)
    if (!entry) throw corruptFile(fileName, `the part ${name} is missing`)
    if (entry.uncompressedSize > MAX_PART_BYTES) throw unpacksTooLarge(fileName, MAX_PART_BYTES)
    return entry
  }
  const read = async (name: string): Promise<Buffer> => {
    const entry = check(name)
    try {
      return await collect(await zip.openReadStreamPromise(entry))
    } catch {
      throw corruptFile(fileName, `the part ${name} is damaged`)
    }
  }
  return {
    has: (name) => entries.has(name),
    check: (name) => void check(name),
    read,
    readText: async (name) => (await read(name)).toString('utf8'),
  }
}
