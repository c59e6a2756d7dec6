import path from 'node:path'
import type { DatabaseSync } from 'node:sqlite'
import { AppError } from '../../../shared/ipc/errors.ts'

/**
 * Runs `work` in one write transaction. IMMEDIATE takes the write lock up front, so two processes
 * sharing the file (app and CLI) wait for each other under the busy timeout instead of failing
 * with SQLITE_BUSY when a read transaction tries to become a write one.
 */
export function withTransaction<T>(db: DatabaseSync, work: () => T): T {
  db.exec('BEGIN IMMEDIATE')
  try {
    const result = work()
    db.exec('COMMIT')
    return result
  } catch (error) {
    rollback(db)
    throw error
  }
}

/** SQLite work whose failures a person can act on (disk full, a damaged file) come out as AppErrors naming the file. */
export function guarded<T>(file: string, work: () => T): T {
  try {
    return work()
  } catch (error) {
    throw explainSqliteError(error, file)
  }
}

/** One write transaction, guarded. */
export function guardedWrite<T>(db: DatabaseSync, file: string, work: () => T): T {
  return guarded(file, () => withTransaction(db, work))
}

function rollback(db: DatabaseSync): void {
  try {
    db.exec('ROLLBACK')
  } catch {
    // SQLite already rolled back on its own (a full disk, an I/O error); the caller's error is the one to report.
  }
}

const SQLITE_CORRUPT = 11
const SQLITE_FULL = 13
const SQLITE_NOTADB = 26

/** The SQLite failures a person can act on, as AppErrors; anything else is returned unchanged. */
export function explainSqliteError(error: unknown, file: string): unknown {
  const code = (error as { errcode?: unknown } | undefined)?.errcode
  if (typeof code !== 'number') return error
  switch (code & 0xff) {
    case SQLITE_FULL:
      return new AppError(
        {
          code: 'DISK_FULL',
          message: `There is no room left on the disk to save the chat history in ${path.dirname(file)}.`,
          hint: 'Free some space; what was saved before is kept.',
          retryable: true,
        },
        { cause: error },
      )
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return new AppError(
        {
          code: 'INTERNAL',
          message: `The chat history ${file} is damaged or is not an Instruct Desk history.`,
          hint: 'Quit Instruct Desk and move the file aside to start a new history; keep it if you want to try to recover it.',
          retryable: false,
        },
        { cause: error },
      )
    default:
      return error
  }
}
