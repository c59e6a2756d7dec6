import { TextDecoder } from 'node:util'

/** The code page each RTF font character set implies (\fcharsetN). 0 is Western; 1 means "the document's default". */
const charsetCodePages: Record<number, number> = {
  0: 1252,
  77: 10000,
  128: 932,
  129: 949,
  134: 936,
  136: 950,
  161: 1253,
  162: 1254,
  163: 1258,
  177: 1255,
  178: 1256,
  186: 1257,
  204: 1251,
  222: 874,
  238: 1250,
}

const codePageLabels: Record<number, string> = {
  932: 'shift_jis',
  936: 'gbk',
  949: 'euc-kr',
  950: 'big5',
  10000: 'macintosh',
  20866: 'koi8-r',
  65001: 'utf-8',
}

const decoders = new Map<number, TextDecoder>()

/** A decoder for a Windows code page number, Windows-1252 for the few that have none. */
export function decoderForCodePage(codePage: number): TextDecoder {
  let decoder = decoders.get(codePage)
  if (!decoder) {
    try {
      decoder = new TextDecoder(
        codePageLabels[codePage] ?? (codePage >= 1250 && codePage <= 1258 ? `windows-${codePage}` : `cp${codePage}`),
      )
    } catch {
      decoder = new TextDecoder('windows-1252')
    }
    decoders.set(codePage, decoder)
  }
  return decoder
}

export function codePageForCharset(charset: number): number | undefined {
  return charsetCodePages[charset]
}
