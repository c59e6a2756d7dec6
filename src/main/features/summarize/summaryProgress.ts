import type { SummaryProgress, SummaryStage } from '../../../shared/domain/summary.ts'

/**
 * Progress of one summary job in prompt tokens: the document's through the map calls, then the
 * summaries' through the reduce calls (estimated until the reduce stage knows them). The ETA is
 * the remaining tokens at the rate observed since the first model call began, retries included.
 */
export class SummaryProgressTracker {
  private readonly emit: (progress: SummaryProgress) => void
  private readonly now: () => number
  private current: Pick<SummaryProgress, 'stage' | 'call' | 'calls'> = { stage: 'planning', call: 0, calls: 0 }
  private tokensDone = 0
  private tokensTotal = 0
  private startedAt: number | undefined

  constructor(emit: ((progress: SummaryProgress) => void) | undefined, now: () => number = () => performance.now()) {
    this.emit = emit ?? (() => {})
    this.now = now
  }

  /** The job's tokens as now known: never below what is done. */
  expect(tokensTotal: number): void {
    this.tokensTotal = Math.max(Math.round(tokensTotal), this.tokensDone)
  }

  /** What is left is now known to be about this many tokens. */
  expectRemaining(tokens: number): void {
    this.tokensTotal = this.tokensDone + Math.round(tokens)
  }

  begin(stage: SummaryStage, call: number, calls: number): void {
    if (stage !== 'planning') this.startedAt ??= this.now()
    this.current = { stage, call, calls }
    this.report()
  }

  /** A call's share of the work is done. */
  advance(tokens: number): void {
    this.tokensDone += Math.round(tokens)
    this.tokensTotal = Math.max(this.tokensTotal, this.tokensDone)
    this.report()
  }

  finish(): void {
    this.tokensTotal = this.tokensDone
    this.current = { stage: 'done', call: this.current.calls, calls: this.current.calls }
    this.report()
  }

  private report(): void {
    this.emit({ ...this.current, tokensDone: this.tokensDone, tokensTotal: this.tokensTotal, ...this.eta() })
  }

  private eta(): { etaMs?: number } {
    if (this.current.stage === 'done') return { etaMs: 0 }
    const elapsed = this.startedAt === undefined ? 0 : this.now() - this.startedAt
    if (this.tokensDone === 0 || elapsed <= 0) return {}
    return { etaMs: Math.round(((this.tokensTotal - this.tokensDone) * elapsed) / this.tokensDone) }
  }
}
