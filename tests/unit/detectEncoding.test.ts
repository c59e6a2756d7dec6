import { describe, expect, it } from 'vitest'
import { decodeText } from '../../src/main/features/summarize/extract/textDecoding.ts'

const SAMPLE = 'Café, déjà vu, Straße — 12 € and “quotes”.\nSecond line.'

describe('decodeText', () => {
  it('reads UTF-8, with or without a byte-order mark', () => {
    expect(decodeText(new TextEncoder().encode(SAMPLE))).toEqual({ text: SAMPLE, encoding: 'utf-8', notes: [] })
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(SAMPLE)])).text).toBe(SAMPLE)
  })

  it('reads UTF-16 in both byte orders by its mark, and little-endian without one', () => {
    const le = Buffer.from(SAMPLE, 'utf16le')
    const be = Buffer.from(le).swap16()
    expect(decodeText(new Uint8Array([0xff, 0xfe, ...le]))).toMatchObject({ text: SAMPLE, encoding: 'utf-16le' })
    expect(decodeText(new Uint8Array([0xfe, 0xff, ...be]))).toMatchObject({ text: SAMPLE, encoding: 'utf-16be' })
    expect(decodeText(new Uint8Array(le))).toMatchObject({ text: SAMPLE, encoding: 'utf-16le' })
    expect(decodeText(new Uint8Array(be))).toMatchObject({ text: SAMPLE, encoding: 'utf-16be' })
  })

  it('falls back to Windows-1252 for Western text that is not UTF-8, euro sign and curly quotes included', () => {
    const bytes = new Uint8Array([
      ...Buffer.from('Caf'),
      0xe9,
      0x20,
      0x80,
      0x20,
      0x93,
      0x6f,
      0x6b,
      0x94,
      0x0a,
      ...Buffer.from('na'),
      0xef,
      0x76,
      0x65,
    ])
    expect(decodeText(bytes)).toMatchObject({ text: 'Café € “ok”\nnaïve', encoding: 'windows-1252' })
  })

  it('makes every line ending a line feed', () => {
    expect(decodeText(new TextEncoder().encode('one\r\ntwo\rthree\n')).text).toBe('one\ntwo\nthree\n')
  })

  it('keeps a UTF-8 file whose last character was cut off as UTF-8, and says so', () => {
    const bytes = new TextEncoder().encode('Ends with a euro €')
    const decoded = decodeText(bytes.subarray(0, bytes.length - 1))
    expect(decoded).toMatchObject({ text: 'Ends with a euro ', encoding: 'utf-8' })
    expect(decoded.notes).toEqual(['The file ends partway through a character; that last character was left out.'])
  })
})
