import { AppError } from '../../../../shared/ipc/errors.ts'
import { formatBytes } from '../../../../shared/format.ts'

/** The errors a dropped file can end in, each naming the file and saying what to do about it. */

export function emptyFile(fileName: string): AppError {
  return new AppError({
    code: 'FILE_EMPTY',
    message: `${fileName} has no text in it.`,
    hint: 'Check that this is the file you meant; an empty or blank document has nothing to summarize.',
  })
}

export function corruptFile(fileName: string, what: string): AppError {
  return new AppError({
    code: 'FILE_CORRUPT',
    message: `${fileName} is damaged or incomplete, so its text can't be read (${what}).`,
    hint: 'Get a fresh copy of the file, or open it in the program that made it and save it again.',
  })
}

export function encryptedFile(fileName: string, what: string): AppError {
  return new AppError({
    code: 'FILE_ENCRYPTED',
    message: `${fileName} is ${what}, so its text can't be read.`,
    hint: 'Open it in the program that made it, remove the password or protection, save a copy and drop that.',
  })
}

export function noTextLayer(fileName: string): AppError {
  return new AppError({
    code: 'FILE_NO_TEXT',
    message: `${fileName} contains only images of pages, no text.`,
    hint: 'It is probably a scan. Run text recognition (OCR) on it first, for example in your scanner or PDF software, then drop the searchable PDF.',
  })
}

export function unsupportedFile(fileName: string, what: string): AppError {
  return new AppError({
    code: 'FILE_UNSUPPORTED',
    message: `${fileName} is ${what}.`,
    hint: 'Drop a PDF, Word (.docx), OpenDocument (.odt), RTF, EPUB, HTML, Markdown, plain text, CSV, JSON or source code file.',
  })
}

export function tooLarge(fileName: string, bytes: number, limit: number): AppError {
  return new AppError({
    code: 'FILE_TOO_LARGE',
    message: `${fileName} is ${formatBytes(bytes)}, more than the ${formatBytes(limit)} a document may be.`,
    hint: 'Split it into smaller files and summarize them one by one.',
  })
}

export function unpacksTooLarge(fileName: string, limit: number): AppError {
  return new AppError({
    code: 'FILE_TOO_LARGE',
    message: `${fileName} unpacks to more than ${formatBytes(limit)} in one part, too much to read safely.`,
    hint: 'The file may be damaged or built to exhaust memory. If it is genuine, split the document into smaller files.',
  })
}
