import { fileTypeFromBuffer } from 'file-type'
import type { DocumentFormat } from '../../../../shared/domain/documents.ts'
import { DOCUMENT_EXTENSIONS } from './documentExtensions.ts'
import { describeMismatch, describeType, extensionOf } from './fileKinds.ts'
import { emptyFile, encryptedFile, unsupportedFile } from './fileErrors.ts'
import { decodeText, utf16WithoutMark, type DecodedText } from './textDecoding.ts'

export type PackagedFormat = Extract<DocumentFormat, 'pdf' | 'docx' | 'odt' | 'epub' | 'rtf'>
export type TextFormat = Exclude<DocumentFormat, PackagedFormat>

export type Detected = { kind: 'packaged'; format: PackagedFormat } | { kind: 'text'; format: TextFormat; decoded: DecodedText }

const packaged = new Set<string>(['pdf', 'docx', 'odt', 'epub', 'rtf'])
/** Text-based types a signature can name that are still worth reading as text. */
const textual = new Set(['xml', 'ics', 'vcf', 'srt', 'vtt'])

const markdownExtensions = new Set(DOCUMENT_EXTENSIONS.markdown)
const csvExtensions = new Set(DOCUMENT_EXTENSIONS.csv)
const codeExtensions = new Set(DOCUMENT_EXTENSIONS.code)
const htmlExtensions = new Set(DOCUMENT_EXTENSIONS.html)

/**
 * What a file is, judged by its content: a signature identifies the packaged formats (and tells a PNG
 * or a plain ZIP renamed .pdf or .docx for what it is); anything without one must read as text, and
 * then the markup decides HTML and JSON while the name picks Markdown, CSV or code among text files.
 */
export async function detectFormat(bytes: Uint8Array, fileName: string): Promise<Detected> {
  if (bytes.length === 0) throw emptyFile(fileName)
  const type = await fileTypeFromBuffer(bytes)
  if (type && packaged.has(type.ext)) return { kind: 'packaged', format: type.ext as PackagedFormat }
  if (type?.ext === 'cfb') throw olderOfficeFile(bytes, fileName)
  if (type && !textual.has(type.ext) && !type.mime.startsWith('text/'))
    throw unsupportedFile(fileName, describeMismatch(fileName, describeType(type)))
  if (looksBinary(bytes)) throw unsupportedFile(fileName, describeMismatch(fileName, 'binary data of a kind Instruct Desk does not know'))
  const decoded = decodeText(bytes)
  return { kind: 'text', format: textFormat(decoded.text, extensionOf(fileName)), decoded }
}

function textFormat(text: string, extension: string): TextFormat {
  const head = text.slice(0, 2048).trimStart()
  if (/^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!doctype html|<html[\s>])/i.test(head)) return 'html'
  if (htmlExtensions.has(extension) && /<(body|p|div|h[1-6])[\s>]/i.test(head)) return 'html'
  if (DOCUMENT_EXTENSIONS.json.includes(extension)) return 'json'
  if (markdownExtensions.has(extension)) return 'markdown'
  if (csvExtensions.has(extension)) return 'csv'
  if (codeExtensions.has(extension) || head.startsWith('#!')) return 'code'
  if (/^[[{]/.test(head) && /[\]}]\s*$/.test(text.slice(-64))) return 'json'
  return 'text'
}

/** NUL bytes do not occur in text, except as half of UTF-16. */
function looksBinary(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 8192)
  if (!head.includes(0)) return false
  const marked = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)
  return !marked && !utf16WithoutMark(head)
}

/** Word 97–2003 files and password-protected Office files share one container; the latter hold an "EncryptedPackage" stream. */
function olderOfficeFile(bytes: Uint8Array, fileName: string): Error {
  const marker = Buffer.from('EncryptedPackage', 'utf16le')
  if (Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(marker)) {
    return encryptedFile(fileName, 'a password-protected Office document')
  }
  return unsupportedFile(fileName, describeMismatch(fileName, 'an older Office document (Word 97–2003 or similar)'))
}
