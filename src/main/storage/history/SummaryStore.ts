import { randomUUID } from 'node:crypto'
import type { DatabaseSync, StatementSync } from 'node:sqlite'
import { HIT_END, HIT_START } from '../../../shared/domain/conversation.ts'
import type { DocumentFormat } from '../../../shared/domain/documents.ts'
import type { SummaryOptions, SummaryResult } from '../../../shared/domain/summary.ts'
import type { StoredSummary, SummaryListItem } from '../../../shared/domain/summaryJobs.ts'
import { toFtsQuery } from './searchQuery.ts'
import { guarded, guardedWrite } from './sqlite.ts'

/** Characters of summary text shown in the list, cut back to a word boundary (read with room for collapsed whitespace). */
const PREVIEW_CHARS = 200
/** Words of context around a match in a search snippet. */
const SNIPPET_TOKENS = 16
const SEARCH_LIMIT = 100

const SQL = {
  insert: `INSERT INTO summaries (id, file_name, format, model, options, result, summary, pages, complete, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  get: 'SELECT id, file_name, format, options, result, pages, created_at FROM summaries WHERE id = ?',
  list: `SELECT id, file_name, format, model, complete, created_at, substr(summary, 1, ${PREVIEW_CHARS * 2}) AS snippet
    FROM summaries ORDER BY created_at DESC, rowid DESC`,
  search: `SELECT s.id, s.file_name, s.format, s.model, s.complete, s.created_at,
      snippet(summaries_fts, 1, ?, ?, '…', ${SNIPPET_TOKENS}) AS snippet
    FROM summaries_fts JOIN summaries s ON s.rowid = summaries_fts.rowid
    WHERE summaries_fts MATCH ? ORDER BY s.created_at DESC, s.rowid DESC LIMIT ?`,
  delete: 'DELETE FROM summaries WHERE id = ?',
} as const

type Row = { id: string; file_name: string; format: string; options: string; result: string; pages: number | null; created_at: number }
type ListRow = Pick<Row, 'id' | 'file_name' | 'format' | 'created_at'> & { model: string; complete: number; snippet: string }

export interface NewSummary {
  fileName: string
  format: DocumentFormat
  options: SummaryOptions
  result: SummaryResult
  pages?: number | undefined
}

/**
 * Document summaries kept in the history file beside the conversations (same connection), with
 * full-text search over the file name and the summary text.
 */
export class SummaryStore {
  private readonly db: DatabaseSync
  private readonly file: string
  private readonly statements: { [K in keyof typeof SQL]: StatementSync }

  constructor(db: DatabaseSync, file: string) {
    this.db = db
    this.file = file
    this.statements = Object.fromEntries(Object.entries(SQL).map(([name, sql]) => [name, db.prepare(sql)])) as typeof this.statements
  }

  add(input: NewSummary): StoredSummary {
    const { fileName, format, options, result, pages } = input
    const stored: StoredSummary = {
      id: randomUUID(),
      fileName,
      format,
      options,
      result,
      ...(pages !== undefined && { pages }),
      createdAt: Date.now(),
    }
    this.write(() =>
      this.statements.insert.run(
        stored.id,
        stored.fileName,
        stored.format,
        result.model,
        JSON.stringify(stored.options),
        JSON.stringify(result),
        searchableText(result),
        stored.pages ?? null,
        result.complete ? 1 : 0,
        stored.createdAt,
      ),
    )
    return stored
  }

  get(id: string): StoredSummary | undefined {
    const row = guarded(this.file, () => this.statements.get.get(id)) as Row | undefined
    if (!row) return undefined
    return {
      id: row.id,
      fileName: row.file_name,
      format: row.format as DocumentFormat,
      options: JSON.parse(row.options) as SummaryOptions,
      result: JSON.parse(row.result) as SummaryResult,
      ...(row.pages !== null && { pages: row.pages }),
      createdAt: row.created_at,
    }
  }

  /**
   * Newest first. Without a query, every summary with its first words; with one, those containing
   * every word (the last as a prefix while typed) in the file name or the text, the summary's
   * match marked with HIT_START/HIT_END.
   */
  list(query?: string): SummaryListItem[] {
    if (query === undefined || query.trim() === '') {
      return (guarded(this.file, () => this.statements.list.all()) as ListRow[]).map((row) =>
        toListItem({ ...row, snippet: preview(row.snippet) }),
      )
    }
    const match = toFtsQuery(query)
    if (!match) return []
    return (guarded(this.file, () => this.statements.search.all(HIT_START, HIT_END, match, SEARCH_LIMIT)) as ListRow[]).map(toListItem)
  }

  /** False when there was no such summary. */
  delete(id: string): boolean {
    return this.write(() => Number(this.statements.delete.run(id).changes) > 0)
  }

  private write<T>(work: () => T): T {
    return guardedWrite(this.db, this.file, work)
  }
}

/** What a search finds: the final summary, or for a cancelled job the notes on the parts it finished. */
function searchableText(result: SummaryResult): string {
  if (result.summary.trim()) return result.summary
  return result.chunks
    .map((c) => c.summary)
    .filter(Boolean)
    .join('\n')
}

function preview(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  if (flat.length <= PREVIEW_CHARS) return flat
  const cut = flat.slice(0, PREVIEW_CHARS)
  const space = cut.lastIndexOf(' ')
  return `${space > PREVIEW_CHARS / 2 ? cut.slice(0, space) : cut}…`
}

function toListItem(row: ListRow): SummaryListItem {
  return {
    id: row.id,
    fileName: row.file_name,
    format: row.format as DocumentFormat,
    model: row.model,
    complete: row.complete === 1,
    snippet: row.snippet,
    createdAt: row.created_at,
  }
}
