import { Tokenize } from 'rtf-stream-parser'
import { corruptFile } from '../fileErrors.ts'
import type { ExtractedContent } from '../extractedContent.ts'
import { RtfReader, type RtfToken } from './rtfReader.ts'

/**
 * RTF through rtf-stream-parser's tokenizer (which handles the byte-level syntax: control words,
 * hex escapes, binary blobs) and a reader of our own that keeps only what a person reads: body text
 * decoded in each font's code page, \uN characters, paragraphs, and headings from \outlinelevel,
 * which Word, LibreOffice and other writers put on heading paragraphs.
 */
export async function extractRtf(bytes: Uint8Array, fileName: string): Promise<ExtractedContent> {
  const reader = new RtfReader()
  const tokenizer = new Tokenize()
  tokenizer.end(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))
  try {
    for await (const token of tokenizer as AsyncIterable<RtfToken>) reader.read(token)
  } catch {
    throw corruptFile(fileName, 'its RTF markup is broken')
  }
  return reader.finish()
}
