import type { SummaryProgress } from '../../shared/domain/summary.ts'
import type { FileStatus } from '../../shared/domain/summaryJobs.ts'
import { formatDuration } from '../../shared/format.ts'
import type { Terminal } from './progressBar.ts'

function stageText({ stage, call, calls }: SummaryProgress): string {
  switch (stage) {
    case 'planning':
      return 'planning'
    case 'map':
      return `summarizing part ${call} of ${calls}`
    case 'reduce':
      return `combining the parts, step ${call} of ${calls}`
    case 'done':
      return 'saving'
  }
}

/** `[2/3] report.pdf  summarizing part 3 of 7  12,000 / 40,000 tokens  ETA 2 min` */
export function describeFileStatus(status: FileStatus, files: number): string {
  const parts = [`[${status.index + 1}/${files}] ${status.name}`]
  const progress = status.progress
  if (status.stage !== 'summarizing' || !progress) parts.push(status.stage)
  else {
    parts.push(stageText(progress))
    if (progress.tokensTotal > 0)
      parts.push(`${progress.tokensDone.toLocaleString('en-US')} / ${progress.tokensTotal.toLocaleString('en-US')} tokens`)
    // Zero at the very end; formatDuration would still say "1 s".
    if (progress.etaMs) parts.push(`ETA ${formatDuration(progress.etaMs / 1000)}`)
  }
  return parts.join('  ')
}

/**
 * A batch's progress on a terminal (stderr): one line redrawn in place with the latest file news,
 * cut to the terminal's width because a wrapped line could not be redrawn.
 */
export class SummaryProgressLine {
  private readonly terminal: Terminal
  private readonly files: number
  private drawn = ''

  constructor(terminal: Terminal, files: number) {
    this.terminal = terminal
    this.files = files
  }

  show(status: FileStatus): void {
    const text = describeFileStatus(status, this.files).slice(0, (this.terminal.columns ?? 80) - 1)
    // Padding blanks out the tail of a longer previous line.
    this.terminal.write(`\r${text.padEnd(this.drawn.length)}`)
    this.drawn = text
  }

  /** Clears the line, so what is printed next starts on a clean one. */
  clear(): void {
    if (this.drawn) this.terminal.write(`\r${' '.repeat(this.drawn.length)}\r`)
    this.drawn = ''
  }
}
