import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs'
import path from 'node:path'

export type LogLevel = 'info' | 'warn' | 'error'

export interface LogEntry {
  at: string
  level: LogLevel
  event: string
  /** Names, codes, counts and messages of errors — never prompt text, replies or document contents. */
  detail?: Record<string, string | number | boolean | undefined>
}

export interface AppLogOptions {
  /** Bytes a file may grow to before it is rotated. */
  maxBytes?: number
  /** Rotated files kept besides the current one. */
  keep?: number
}

const RECENT_ERRORS = 20

/**
 * The app's log: JSON lines in `<data>/logs/instruct-desk.log`, rotated by size (`.1`, `.2`…), and
 * the most recent warnings and errors kept in memory for Copy diagnostics. What users type or
 * receive never goes in: callers log events and codes, not content.
 */
export class AppLog {
  readonly file: string
  private readonly maxBytes: number
  private readonly keep: number
  private readonly recent: LogEntry[] = []
  private writable = true

  constructor(dataDir: string, options: AppLogOptions = {}) {
    this.file = path.join(dataDir, 'logs', 'instruct-desk.log')
    this.maxBytes = options.maxBytes ?? 1_000_000
    this.keep = options.keep ?? 3
  }

  info(event: string, detail?: LogEntry['detail']): void {
    this.write({ at: new Date().toISOString(), level: 'info', event, detail })
  }

  warn(event: string, detail?: LogEntry['detail']): void {
    this.write({ at: new Date().toISOString(), level: 'warn', event, detail })
  }

  error(event: string, detail?: LogEntry['detail']): void {
    this.write({ at: new Date().toISOString(), level: 'error', event, detail })
  }

  /** Warnings and errors since the app started, newest last. */
  recentProblems(): LogEntry[] {
    return [...this.recent]
  }

  private write(entry: LogEntry): void {
    if (entry.level !== 'info') {
      this.recent.push(entry)
      if (this.recent.length > RECENT_ERRORS) this.recent.shift()
    }
    if (!this.writable) return
    try {
      mkdirSync(path.dirname(this.file), { recursive: true })
      this.rotateIfFull()
      appendFileSync(this.file, `${JSON.stringify(entry)}\n`)
    } catch {
      // A log that cannot be written (read-only or full disk) must not break the app; the in-memory list still works.
      this.writable = false
    }
  }

  private rotateIfFull(): void {
    const size = statSync(this.file, { throwIfNoEntry: false })?.size ?? 0
    if (size < this.maxBytes) return
    rmSync(`${this.file}.${this.keep}`, { force: true })
    for (let n = this.keep - 1; n >= 1; n--) {
      try {
        renameSync(`${this.file}.${n}`, `${this.file}.${n + 1}`)
      } catch {
        // That generation does not exist yet.
      }
    }
    renameSync(this.file, `${this.file}.1`)
  }
}
