import { isUtf8 } from 'node:buffer'
import { analyse } from 'chardet'

export interface DecodedText {
  /** With line endings made `\n` and any byte-order mark removed. */
  text: string
  /** The WHATWG name of the encoding the bytes were read as: utf-8, utf-16le, windows-1252… */
  encoding: string
  notes: string[]
}

const SAMPLE_BYTES = 64 * 1024

/**
 * Reads text in whatever common encoding it came in: a byte-order mark decides first, then valid
 * UTF-8 (by far the most common), then UTF-16 without a mark, then a confident guess of an Asian or
 * non-Latin legacy encoding, else Windows-1252, the superset of Latin-1 that old Western files use.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  const notes: string[] = []
  let encoding = byteOrderMark(bytes)
  let body = bytes
  if (!encoding) {
    const complete = bytes.subarray(0, completeUtf8Length(bytes))
    if (isUtf8(complete)) {
      encoding = 'utf-8'
      if (complete.length < bytes.length) notes.push('The file ends partway through a character; that last character was left out.')
      body = complete
    } else {
      encoding = utf16WithoutMark(bytes) ?? legacyEncoding(bytes)
    }
  }
  const text = new TextDecoder(encoding).decode(body).replace(/\r\n?/g, '\n')
  return { text, encoding, notes }
}

function byteOrderMark(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8'
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le'
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be'
  return undefined
}

/** The length without a multi-byte character cut off at the end, as a truncated download leaves it. */
function completeUtf8Length(bytes: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const byte = bytes[bytes.length - back] ?? 0
    if (byte < 0x80) return bytes.length
    if (byte >= 0xc0) {
      const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2
      return needed > back ? bytes.length - back : bytes.length
    }
  }
  return bytes.length
}

/** Mostly-Latin UTF-16 has a zero in every other byte: the odd ones for little-endian, the even ones for big. */
export function utf16WithoutMark(bytes: Uint8Array): string | undefined {
  const pairs = Math.floor(Math.min(bytes.length, 4096) / 2)
  if (pairs < 4) return undefined
  let evenZeros = 0
  let oddZeros = 0
  for (let i = 0; i < pairs; i++) {
    if (bytes[2 * i] === 0) evenZeros++
    if (bytes[2 * i + 1] === 0) oddZeros++
  }
  if (oddZeros > pairs * 0.4 && evenZeros < pairs * 0.05) return 'utf-16le'
  if (evenZeros > pairs * 0.4 && oddZeros < pairs * 0.05) return 'utf-16be'
  return undefined
}

/**
 * The legacy encodings whose guesses are worth trusting: the detector tells multi-byte Asian
 * encodings and non-Latin alphabets apart reliably, but not one Latin code page from another in a
 * short text, where Windows-1252 is by far the likeliest.
 */
const TRUSTED_GUESSES = new Set(
  'shift_jis euc-jp iso-2022-jp gbk gb18030 big5 euc-kr windows-1251 koi8-r iso-8859-5 ibm866 iso-8859-7 windows-1253 iso-8859-8 windows-1255 iso-8859-6 windows-1256 windows-874'.split(
    ' ',
  ),
)
const MIN_CONFIDENCE = 50

function legacyEncoding(bytes: Uint8Array): string {
  const [best] = analyse(bytes.subarray(0, SAMPLE_BYTES))
  const label = best && best.confidence >= MIN_CONFIDENCE ? whatwgLabel(best.name) : undefined
  return label && TRUSTED_GUESSES.has(label) ? label : 'windows-1252'
}

/** The decoder's own name for a detector's label, or undefined when there is no such decoder. */
function whatwgLabel(name: string): string | undefined {
  try {
    return new TextDecoder(name).encoding
  } catch {
    return undefined
  }
}
