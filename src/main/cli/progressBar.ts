import type { PullJob, PullPhase, PullProgress } from '../../shared/domain/pull.ts'
import { formatBytes, formatDuration } from '../../shared/format.ts'

/** A terminal on stdout: raw writes without a newline, so one line can be redrawn in place. */
export interface Terminal {
  write(text: string): void
  columns?: number | undefined
}

export interface PullOutput {
  line(text: string): void
  /** Present when stdout is a terminal; otherwise progress is printed as plain lines. */
  terminal?: Terminal | undefined
}

const PHASE_LABELS: Record<PullPhase, string> = {
  manifest: 'pulling manifest',
  downloading: 'downloading',
  verifying: 'verifying',
  writing: 'writing manifest',
  cleaning: 'removing unused layers',
  success: 'done',
}

/** `42%  1.9 GB / 4.7 GB  12 MB/s  ETA 3 min  downloading`; each figure appears once the server has given it. */
export function describeProgress(progress: PullProgress): string {
  const parts: string[] = []
  if (progress.percent !== undefined) {
    parts.push(
      `${Math.floor(progress.percent)}%`.padStart(4),
      `${formatBytes(progress.completedBytes)} / ${formatBytes(progress.totalBytes)}`,
    )
  }
  if (progress.phase === 'downloading') {
    if (progress.bytesPerSecond) parts.push(`${formatBytes(progress.bytesPerSecond)}/s`)
    // Zero once every byte is in; formatDuration would still say "1 s".
    if (progress.etaSeconds) parts.push(`ETA ${formatDuration(progress.etaSeconds)}`)
  }
  parts.push(PHASE_LABELS[progress.phase])
  return parts.join('  ')
}

const BAR_WIDTH = 20

/** The bar and the figures, cut to the terminal's width: a wrapped line could not be redrawn in place. */
export function progressLine(progress: PullProgress, columns = 80): string {
  const filled = Math.round(((progress.percent ?? 0) / 100) * BAR_WIDTH)
  return `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${describeProgress(progress)}`.slice(0, columns - 1)
}

function retryLine(job: PullJob): string {
  const wait = job.retryAt === undefined ? '' : ` in ${formatDuration(Math.max(0, job.retryAt - Date.now()) / 1000)}`
  return `The download was interrupted: ${job.retryReason ?? 'no reason given.'} Retrying${wait} (try ${job.attempt + 1}).`
}

/**
 * Shows a pull as it is published. On a terminal one progress line is redrawn in place and
 * messages (retries, notices) go above it; elsewhere (a log, a pipe) a line is printed per phase
 * and per 10 %, so the output stays readable without carriage returns.
 */
export class PullPrinter {
  private readonly output: PullOutput
  private previous: PullJob | undefined
  /** What the redrawn line shows now; empty when nothing is drawn. */
  private drawn = ''
  private printedTenth = -1

  constructor(output: PullOutput) {
    this.output = output
  }

  show(job: PullJob): void {
    const previous = this.previous
    this.previous = job
    if (job.notice && job.notice !== previous?.notice) this.message(job.notice)
    if (job.state === 'retrying' && previous?.state !== 'retrying') this.message(retryLine(job))
    if (this.output.terminal) this.redraw(this.output.terminal, progressLine(job.progress, this.output.terminal.columns))
    else this.printMilestone(job.progress, previous?.progress)
  }

  /** Leaves the progress line as it is and moves below it, for whatever is printed next. */
  end(): void {
    if (this.drawn) this.output.terminal?.write('\n')
    this.drawn = ''
  }

  private message(text: string): void {
    const terminal = this.output.terminal
    if (terminal && this.drawn) terminal.write(`\r${' '.repeat(this.drawn.length)}\r`)
    this.output.line(text)
    if (terminal && this.drawn) terminal.write(this.drawn)
  }

  private redraw(terminal: Terminal, text: string): void {
    // Padding blanks out the tail of a longer previous line.
    terminal.write(`\r${text.padEnd(this.drawn.length)}`)
    this.drawn = text
  }

  private printMilestone(progress: PullProgress, previous: PullProgress | undefined): void {
    const tenth = Math.floor((progress.percent ?? 0) / 10)
    if (progress.phase === previous?.phase && tenth <= this.printedTenth) return
    this.printedTenth = tenth
    this.output.line(describeProgress(progress))
  }
}
