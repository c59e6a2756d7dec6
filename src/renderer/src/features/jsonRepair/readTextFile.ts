import { formatBytes } from '../../ui/format.ts'

/**
 * A dropped or picked file's text, or why it has none: too large for the run, or binary (a NUL
 * byte in it, which no text format this screen takes contains).
 */
export async function readTextFile(file: File, maxBytes: number): Promise<string> {
  if (file.size > maxBytes) {
    throw new Error(`${file.name} is ${formatBytes(file.size)}; this screen takes files up to ${formatBytes(maxBytes)}.`)
  }
  const text = await file.text()
  if (text.includes('\u0000')) throw new Error(`${file.name} is not a text file. Drop or choose a .json, .jsonl, .csv, .txt or .md file.`)
  return text
}
