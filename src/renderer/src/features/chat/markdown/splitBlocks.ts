/**
 * Splits Markdown into top-level blocks that can be rendered one by one, so a streaming reply
 * re-renders only its last, still-growing block. Joining the blocks gives back the source exactly.
 *
 * The rule that keeps this safe: a boundary is placed only where CommonMark (plus our math rules)
 * would end a top-level block anyway. When in doubt the splitter keeps lines together: a merged
 * block renders exactly as the whole document would, it is only cached less finely.
 *
 * Boundaries:
 * - a blank line followed by a line that starts at column 0, except a list marker after a list
 *   (a list continues across blank lines: one loose list, numbering kept);
 * - before a fence (``` or ~~~) or a `$$` / `\[` math block that starts at column 0, and after it closes.
 * Never inside a fenced code block or a math block, even across blank lines; an unterminated fence
 * or math block runs to the end, as CommonMark's fence does.
 */
export function splitBlocks(source: string): string[] {
  return splitFrom(source, 0)
}

/** A splitter for text that only grows: re-splits from the second-to-last block instead of the start. */
export interface BlockSplitter {
  split(source: string): string[]
}

export function createBlockSplitter(): BlockSplitter {
  let lastSource = ''
  let lastBlocks: string[] = []
  return {
    split(source) {
      if (source === lastSource) return lastBlocks
      let blocks: string[]
      if (lastBlocks.length >= 3 && source.startsWith(lastSource)) {
        // Blocks before the second-to-last are settled: each boundary before them was decided by a
        // complete first line. The boundary before the last block may still move (its first line
        // may be partial, e.g. "1" becoming the list item "1."), so that block and the one before
        // it are split again.
        const keep = lastBlocks.length - 2
        let offset = 0
        for (let i = 0; i < keep; i++) offset += (lastBlocks[i] ?? '').length
        blocks = lastBlocks.slice(0, keep).concat(splitFrom(source, offset))
      } else {
        blocks = splitFrom(source, 0)
      }
      lastSource = source
      lastBlocks = blocks
      return blocks
    },
  }
}

interface Fence {
  char: string
  length: number
}

/** An open fenced code block or math block. */
interface Open {
  fence?: Fence
  /** The math block's closing delimiter. */
  mathCloser?: string
  /**
   * The content column of the list item it is in (0 at the top level): a line indented less
   * leaves the item, and that ends the fence or math block too.
   */
  column: number
  /** It began at column 0 as a block of its own: once it closes, the next line starts a new block. */
  topLevel: boolean
  /** A block was cut only because this math block opened: undone if it never closes (then it is not math). */
  cutForMath: boolean
}

const FENCE_OPEN = /^[ \t]*(`{3,}|~{3,})(.*)$/
const LIST_ITEM = /^([ \t]*)([-+*]|\d{1,9}[.)])([ \t]+|$)/
const NOT_LAZY = /^[ \t]*(?:>|#|```|~~~|\$\$|\\\[)/
const LIST_MARKER = /^[ \t]{0,3}(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)/

function isBlank(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i)
    // space, tab, carriage return
    if (c !== 32 && c !== 9 && c !== 13) return false
  }
  return true
}

/** Columns of leading whitespace, a tab advancing to the next multiple of 4 as in CommonMark. */
function indentOf(line: string): number {
  let columns = 0
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i)
    if (c === 32) columns++
    else if (c === 9) columns += 4 - (columns % 4)
    else break
  }
  return columns
}

/** A list item line: its marker's indentation and the column its content starts at. */
function listItem(line: string): { indent: number; column: number; content: string } | undefined {
  const m = LIST_ITEM.exec(line)
  if (!m) return undefined
  const indent = indentOf(m[1] ?? '')
  const spaces = (m[3] ?? '').length
  // CommonMark: 1–4 spaces after the marker belong to it; with 5 or more, only one does.
  const column = indent + (m[2] ?? '').length + (spaces >= 1 && spaces <= 4 ? spaces : 1)
  return { indent, column, content: line.slice(m[0].length) }
}

/**
 * A fence opener: ``` or ~~~ (a backtick fence's info string may not contain backticks), at any
 * indentation (fences inside list items), or right after a list marker (`- ```js`).
 */
function fenceOpen(text: string): Fence | undefined {
  const m = FENCE_OPEN.exec(text)
  if (!m) return undefined
  const marker = m[1] ?? ''
  const char = marker.charAt(0)
  if (char === '`' && (m[2] ?? '').includes('`')) return undefined
  return { char, length: marker.length }
}

/** A closing fence: the same character, at least as long, nothing after it, indented less than 4 columns past the item's content. */
function closesFence(line: string, fence: Fence, column: number): boolean {
  if (indentOf(line) >= column + 4) return false
  const trimmed = line.trim()
  if (trimmed.length < fence.length) return false
  for (let i = 0; i < trimmed.length; i++) if (trimmed[i] !== fence.char) return false
  return true
}

/** `$$` or `\[` opening a display math block that does not close on the same line: returns its closer. */
function mathOpen(text: string): string | undefined {
  const trimmed = text.trim()
  if (trimmed.startsWith('$$')) return trimmed.length >= 4 && trimmed.endsWith('$$') ? undefined : '$$'
  if (trimmed.startsWith('\\[')) return trimmed.length >= 4 && trimmed.endsWith('\\]') ? undefined : '\\]'
  return undefined
}

function isMathLine(line: string): boolean {
  const trimmed = line.trimStart()
  return trimmed.startsWith('$$') || trimmed.startsWith('\\[')
}

/** Ends the list items a line indented `indent` columns is not part of. */
function closeItems(items: number[], indent: number): void {
  while (items.length && (items.at(-1) ?? 0) > indent) items.pop()
}

/** The content column of the innermost open item a line indented `indent` columns belongs to (0: none). */
function innermost(items: number[], indent: number): number {
  let column = 0
  for (const c of items) if (c <= indent) column = c
  return column
}

function splitFrom(source: string, offset: number): string[] {
  const blocks: string[] = []
  let blockStart = offset
  /** The current block has a non-blank line. */
  let hasContent = false
  let sawBlank = false
  let hasList = false
  /** Content columns of the list items open in the current block, innermost last. */
  let items: number[] = []
  /** The current block is one top-level fence or math block that has closed: the next line starts a new block. */
  let closedTopLevel = false
  let open: Open | undefined

  const cut = (at: number): void => {
    if (at > blockStart) blocks.push(source.slice(blockStart, at))
    blockStart = at
    hasContent = false
    sawBlank = false
    hasList = false
    items = []
    closedTopLevel = false
  }

  let pos = offset
  while (pos < source.length) {
    const newline = source.indexOf('\n', pos)
    const end = newline === -1 ? source.length : newline
    // markdown-it reads \r\n as \n; without the \r, `.` and `$` in the patterns see the whole line.
    const line = source.charCodeAt(end - 1) === 13 ? source.slice(pos, end - 1) : source.slice(pos, end)
    const lineStart = pos
    pos = newline === -1 ? source.length : newline + 1
    const blank = isBlank(line)

    if (open) {
      const leftItem = !blank && open.column > 0 && indentOf(line) < open.column
      if (!leftItem) {
        const closes = open.fence ? closesFence(line, open.fence, open.column) : line.trimEnd().endsWith(open.mathCloser ?? '')
        if (closes) {
          closedTopLevel = open.topLevel
          open = undefined
        }
        continue
      }
      // The line leaves the list item the fence or math block was in, which ends it with the item.
      open = undefined
      closeItems(items, indentOf(line))
    }
    if (blank) {
      if (hasContent) sawBlank = true
      continue
    }

    const indent = indentOf(line)
    // A line indented less than an item's content leaves it, unless it continues a paragraph lazily:
    // never after a blank line, nor when it starts a quote, heading, fence or math block.
    if (sawBlank || NOT_LAZY.test(line)) closeItems(items, indent)
    const item = listItem(line)
    const text = item ? item.content : line
    // Indented 4 or more past its container's content, a line is code (or paragraph text), never a fence.
    const container = item ? item.column : innermost(items, indent)
    const mayOpen = (item ? 0 : indent - container) < 4
    const fence = mayOpen ? fenceOpen(text) : undefined
    const mathCloser = mayOpen && !fence ? mathOpen(text) : undefined
    const atColumn0 = indent === 0
    const startsOwnBlock = atColumn0 && !item && (fence !== undefined || isMathLine(line))

    // Cut only because this line opens math: were it not math after all, it would continue a paragraph.
    let cutForMath = false
    if (hasContent) {
      const continuesList = hasList && LIST_MARKER.test(line)
      const boundary = closedTopLevel || (sawBlank && atColumn0 && !continuesList)
      cutForMath = !boundary && startsOwnBlock && fence === undefined
      if (boundary || startsOwnBlock) cut(lineStart)
    }
    hasContent = true
    sawBlank = false
    if (item) {
      if (LIST_MARKER.test(line)) hasList = true
      closeItems(items, item.indent)
      items.push(item.column)
    }
    if (fence || mathCloser) {
      open = { fence, mathCloser, column: container, topLevel: startsOwnBlock, cutForMath }
    } else if (startsOwnBlock) {
      // A one-line math block ($$x$$): nothing else belongs to its block.
      closedTopLevel = true
    }
  }
  if (open?.mathCloser === '\\]' && open.cutForMath && blocks.length > 0) {
    // An unterminated `\[` is not math but paragraph text (the math plugin gives up on it), so the
    // line belongs to the paragraph before it: undo that cut.
    blocks[blocks.length - 1] += source.slice(blockStart)
    return blocks
  }
  cut(source.length)
  return blocks
}
