import { TextBuilder } from '../TextBuilder.ts'
import { imagesLeftOut, type ExtractedContent } from '../extractedContent.ts'
import { codePageForCharset, decoderForCodePage } from './rtfEncodings.ts'
import { characters, hiddenDestinations } from './rtfWords.ts'

/** A token as rtf-stream-parser's tokenizer emits it; its types are numbered. */
export interface RtfToken {
  type: number
  word?: string
  param?: number
  data?: Buffer
}

const GROUP_START = 0
const GROUP_END = 1
const CONTROL = 2

interface GroupState {
  /** Inside a destination that is not body text. */
  hidden: boolean
  /** Formatted as hidden text (\v). */
  invisible: boolean
  /** Characters to drop after each \uN: the fallback that older readers show instead. */
  uc: number
  font: number | undefined
  /** \outlinelevelN of the current paragraph: 0 is a top heading; undefined is body text. */
  outline: number | undefined
  /** In a table cell (\intbl), where \par breaks a line inside the cell rather than ending the row. */
  inTable: boolean
}

/** Reads tokens into paragraphs and headings, keeping only what a person reads. */
export class RtfReader {
  private readonly out = new TextBuilder()
  private readonly groups: GroupState[] = []
  private state: GroupState = { hidden: false, invisible: false, uc: 1, font: undefined, outline: undefined, inTable: false }
  private readonly fonts = new Map<number, number>()
  private defaultCodePage = 1252
  private defaultFont: number | undefined
  private fontBeingDefined: number | undefined
  private inFontTable = false
  private atGroupStart = false
  private paragraph = ''
  private pendingBytes: Buffer[] = []
  private skipCount = 0
  private images = 0

  read(token: RtfToken): void {
    const groupStart = this.atGroupStart
    this.atGroupStart = false
    if (token.type === GROUP_START) {
      this.flushBytes()
      this.groups.push(this.state)
      this.state = { ...this.state }
      this.atGroupStart = true
    } else if (token.type === GROUP_END) {
      this.flushBytes()
      this.state = this.groups.pop() ?? this.state
      this.inFontTable &&= this.state.hidden
      this.skipCount = 0
    } else if (token.type === CONTROL) {
      this.control(token.word ?? '', token.param, token.data, groupStart)
    } else if (this.visible && token.data) {
      const data = token.data.subarray(Math.min(this.skipCount, token.data.length))
      this.skipCount = 0
      this.pendingBytes.push(Buffer.from(data.toString('latin1').replace(/[\r\n]/g, ''), 'latin1'))
    }
  }

  finish(): ExtractedContent {
    this.endParagraph()
    const notes = imagesLeftOut(this.images)
    if (this.groups.length > 0) notes.unshift('The file seems cut off at the end, so the last part of its text may be missing.')
    return { ...this.out.build(), notes }
  }

  private control(word: string, param: number | undefined, data: Buffer | undefined, groupStart: boolean): void {
    if (groupStart && (word === '*' || hiddenDestinations.has(word))) {
      const inBody = !(this.groups.at(-1)?.hidden ?? false)
      if (inBody && (word === 'pict' || word === 'shppict')) this.images++
      this.inFontTable ||= word === 'fonttbl'
      this.state.hidden = true
      // `{\*\name …}` is an optional destination: the word after the star names it.
      this.atGroupStart = word === '*'
      return
    }
    if (this.inFontTable) {
      this.fontTable(word, param)
      return
    }
    if (word === "'") {
      if (this.skipCount > 0) this.skipCount--
      else if (this.visible && data) this.pendingBytes.push(data)
      return
    }
    this.flushBytes()
    switch (word) {
      case 'u':
        if (param === undefined) break
        this.text(String.fromCharCode(param < 0 ? param + 0x10000 : param))
        this.skipCount = this.state.uc
        break
      case 'par':
        if (this.state.inTable) this.text(' ')
        else if (!this.state.hidden) this.endParagraph()
        break
      case 'sect':
      case 'page':
      case 'row':
        if (!this.state.hidden) this.endParagraph()
        break
      case 'pard':
        this.state.outline = undefined
        this.state.inTable = false
        break
      case 'intbl':
        this.state.inTable = true
        break
      case 'outlinelevel':
        this.state.outline = param !== undefined && param < 9 ? param : undefined
        break
      case 'uc':
        this.state.uc = param ?? 1
        break
      case 'v':
        this.state.invisible = param !== 0
        break
      case 'f':
        this.state.font = param
        break
      case 'plain':
        this.state.font = undefined
        break
      case 'deff':
        this.defaultFont = param
        break
      case 'ansicpg':
        this.defaultCodePage = param ?? this.defaultCodePage
        break
      default: {
        const character = characters[word]
        if (character !== undefined) this.text(character)
      }
    }
  }

  private fontTable(word: string, param: number | undefined): void {
    if (word === 'f') this.fontBeingDefined = param
    const codePage = word === 'fcharset' ? codePageForCharset(param ?? 0) : word === 'cpg' ? param : undefined
    if (codePage !== undefined && this.fontBeingDefined !== undefined) this.fonts.set(this.fontBeingDefined, codePage)
  }

  private get visible(): boolean {
    return !this.state.hidden && !this.state.invisible
  }

  private text(value: string): void {
    if (this.visible) this.paragraph += value
  }

  /** Bytes of one run are decoded together, so double-byte code pages see both halves of a character. */
  private flushBytes(): void {
    if (this.pendingBytes.length === 0) return
    const font = this.state.font ?? this.defaultFont
    const codePage = (font === undefined ? undefined : this.fonts.get(font)) ?? this.defaultCodePage
    this.paragraph += decoderForCodePage(codePage).decode(Buffer.concat(this.pendingBytes))
    this.pendingBytes = []
  }

  /** A table row ends with its last cell's separator, which is dropped. */
  private endParagraph(): void {
    this.flushBytes()
    this.paragraph = this.paragraph.replace(/[\s|]+$/, '')
    if (this.state.outline !== undefined) this.out.heading(this.paragraph, this.state.outline + 1)
    else this.out.paragraph(this.paragraph)
    this.paragraph = ''
  }
}
