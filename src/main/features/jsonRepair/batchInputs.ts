import { CsvError, parse } from 'csv-parse/sync'
import { AppError } from '../../../shared/ipc/errors.ts'

/** One input of a batch: the text to repair and the line of the file it starts on (from 1). */
export interface BatchInput {
  line: number
  text: string
  /** Why this input cannot be repaired at all (a CSV row with the wrong number of cells). */
  problem?: string
}

/** Every non-blank line of a JSONL file is one input, as it is: broken lines are what a batch is for. */
export function jsonlInputs(text: string): BatchInput[] {
  return text.split(/\r?\n/).flatMap((line, index) => (line.trim() === '' ? [] : [{ line: index + 1, text: line }]))
}

interface CsvRecord {
  record: Record<string, string>
  raw: string
  info: { lines: number; error?: CsvError }
}

/**
 * Every row after the header is one input: an object by the header's names, its cells as strings
 * for the schema-guided steps to turn into numbers or booleans. An empty cell is left out (CSV
 * cannot tell an empty string from no value, and a missing property is the clearer error).
 * A row whose cell count differs from the header's fails on its own; quoting that cannot be read
 * fails the whole file, with csv-parse's own words and line.
 */
export function csvInputs(text: string): BatchInput[] {
  // csv-parse counts a CRLF as two lines; one kind of line break keeps its line numbers right.
  const normalized = text.replace(/\r\n?/g, '\n')
  let rows: CsvRecord[]
  try {
    rows = parse(normalized, { columns: true, bom: true, skip_empty_lines: true, relax_column_count: true, info: true, raw: true })
  } catch (error) {
    if (!(error instanceof CsvError)) throw error
    throw new AppError({
      code: 'BAD_REQUEST',
      message: `The CSV cannot be read: ${error.message}.`,
      hint: 'Check the quoting near that line: a cell with a comma, quote or line break must be in double quotes, with its quotes doubled.',
    })
  }
  return rows.map(({ record, raw, info }) => {
    const line = firstLine(raw, info.lines)
    if (info.error) return { line, text: '', problem: `has a different number of cells than the header (${info.error.message})` }
    const cells = Object.entries(record).filter(([, cell]) => cell !== '')
    return { line, text: JSON.stringify(Object.fromEntries(cells)) }
  })
}

/**
 * csv-parse reports the line a record ends on; its raw text starts with any skipped blank lines
 * and ends with the record's line break, and what lies between tells how many lines it spans.
 */
function firstLine(raw: string, lastLine: number): number {
  const body = raw.replace(/^\n+/, '').replace(/\n$/, '')
  return lastLine - (body.match(/\n/g)?.length ?? 0)
}
