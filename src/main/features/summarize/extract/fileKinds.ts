import path from 'node:path'

/** What a file name promises, for "… is a PNG image, not a PDF". */
const promisedByExtension: Record<string, string> = {
  pdf: 'a PDF',
  docx: 'a Word document',
  odt: 'an OpenDocument text',
  epub: 'an EPUB book',
  rtf: 'an RTF document',
  html: 'a web page',
  htm: 'a web page',
  txt: 'a text file',
  md: 'a Markdown file',
  csv: 'a CSV file',
  json: 'a JSON file',
}

const described: Record<string, string> = {
  zip: 'a ZIP archive',
  xlsx: 'an Excel workbook',
  pptx: 'a PowerPoint presentation',
  ods: 'an OpenDocument spreadsheet',
  odp: 'an OpenDocument presentation',
  exe: 'a Windows program',
  elf: 'a program',
  gz: 'a compressed file (gzip)',
  '7z': 'a compressed archive (7-Zip)',
  rar: 'a compressed archive (RAR)',
  tar: 'a TAR archive',
}

export function extensionOf(fileName: string): string {
  return path.extname(fileName).slice(1).toLowerCase()
}

/** "a PNG image, not a PDF" for a PNG named .pdf; "a PNG image" when the name promised nothing in particular. */
export function describeMismatch(fileName: string, actual: string): string {
  const promised = promisedByExtension[extensionOf(fileName)]
  return promised ? `${actual}, not ${promised}` : `${actual}, which Instruct Desk can't summarize`
}

/** A person's name for a type that a signature identified, from its extension and MIME type. */
export function describeType(type: { ext: string; mime: string }): string {
  const known = described[type.ext]
  if (known) return known
  const label = type.ext.toUpperCase()
  const kind = type.mime.split('/')[0]
  if (kind === 'image') return `${article(label)} ${label} image`
  if (kind === 'audio') return `an audio file (${label})`
  if (kind === 'video') return `a video (${label})`
  if (kind === 'font') return `a font (${label})`
  return `${article(label)} ${label} file`
}

/** Abbreviations are read letter by letter: "an MP3", "an SVG", "a PNG". */
function article(abbreviation: string): string {
  return /^[AEFHILMNORSX]/.test(abbreviation) ? 'an' : 'a'
}
