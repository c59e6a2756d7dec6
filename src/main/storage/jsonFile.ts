import { randomUUID } from 'node:crypto'
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'

/** Writes via a temp file and rename, so a crash mid-write never leaves half a file. */
export async function writeJsonAtomic(file: string, value: unknown): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true })
  const temp = `${file}.${randomUUID()}.tmp`
  await writeFile(temp, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 })
  // A rename that fails (a folder in the file's place, a full disk) must not leave the temp file behind.
  await rename(temp, file).catch(async (error: unknown) => {
    await rm(temp, { force: true })
    throw error
  })
}

export type JsonRead = { kind: 'missing' } | { kind: 'ok'; value: unknown } | { kind: 'corrupt'; text: string }

export async function readJson(file: string): Promise<JsonRead> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' }
    throw error
  }
  try {
    return { kind: 'ok', value: JSON.parse(text) }
  } catch {
    return { kind: 'corrupt', text }
  }
}

/** What a store kept of its file; `backup` names the copy of the original when anything was dropped. */
export interface Salvaged<T> {
  value: T | undefined
  backup: string | undefined
}

/**
 * A store's file, read once: what `salvage` can keep of it. When the file is not JSON or some of it
 * had to be dropped, the original is copied beside it first (`name.corrupt-<time>.json`), so the
 * caller can rewrite the file without losing anything the user made.
 */
export async function readSalvaged<T>(
  file: string,
  salvage: (value: unknown) => { value: T; dropped: boolean } | undefined,
): Promise<Salvaged<T>> {
  const read = await readJson(file)
  if (read.kind === 'missing') return { value: undefined, backup: undefined }
  const kept = read.kind === 'ok' ? salvage(read.value) : undefined
  if (kept && !kept.dropped) return { value: kept.value, backup: undefined }
  const backup = file.replace(/\.json$/, `.corrupt-${Date.now()}.json`)
  await writeFile(backup, read.kind === 'corrupt' ? read.text : JSON.stringify(read.value, null, 2))
  return { value: kept?.value, backup }
}
