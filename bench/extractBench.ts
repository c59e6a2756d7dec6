import { readFileSync } from 'node:fs'
import { extractDocument } from '../src/main/features/summarize/extract/extractDocument.ts'
import { extractFromBytes } from '../src/main/features/summarize/extract/extractFromBytes.ts'
import { createAppWorkerPool } from '../src/main/workers/appWorker.ts'
import { median } from './stats.ts'
import { markdownTable } from './table.ts'

export interface ExtractBenchRow {
  format: string
  fixture: string
  kb: number
  runs: number
  ms: number
  mbPerS: number
  chars: number
}

export interface ExtractBenchResult {
  rows: ExtractBenchRow[]
}

/** One fixture per format (the committed ones in tests/fixtures/documents), the book twice. */
const FIXTURES = [
  'utf8.txt',
  'windows-1252.txt',
  'report.md',
  'page.html',
  'report.pdf',
  'book.pdf',
  'report.docx',
  'report.odt',
  'report.rtf',
  'book.epub',
  'berths.csv',
  'inventory.json',
  'tides.py',
]

/** About 1 MB of each text format, made by repeating its small fixture, so the rate measures the reading and not the fixed cost per file. */
const MEGABYTE_INPUTS: { fixture: string; name: string; make: (content: string, times: number) => string }[] = [
  { fixture: 'utf8.txt', name: 'large.txt', make: (content, times) => content.repeat(times) },
  { fixture: 'report.md', name: 'large.md', make: (content, times) => content.repeat(times) },
  { fixture: 'berths.csv', name: 'large.csv', make: (content, times) => content + content.split('\n').slice(1).join('\n').repeat(times) },
  { fixture: 'inventory.json', name: 'large.json', make: (content, times) => `[${Array(times).fill(content).join(',')}]` },
  { fixture: 'tides.py', name: 'large.py', make: (content, times) => content.repeat(times) },
  {
    fixture: 'page.html',
    name: 'large.html',
    make: (content, times) =>
      content.replace(/<article>([\s\S]*)<\/article>/, (_, body: string) => `<article>${body.repeat(times)}</article>`),
  },
]

/** Small files are extracted again until about this much input went through, so their rate is not one timer tick. */
const BYTES_PER_FIXTURE = 4_000_000
const MIN_RUNS = 5
const MAX_RUNS = 400

/**
 * Extraction throughput per format: input megabytes per second over the median run, on the calling
 * thread after one warm-up run (which loads that format's reader). Each run gets its own copy of the
 * bytes, made outside the timing, since the PDF reader takes its input over. The last row extracts the PDF
 * book through the worker pool, as the app does, to show what the hand-over adds.
 */
export async function extractBench(): Promise<ExtractBenchResult> {
  const rows: ExtractBenchRow[] = []
  for (const fixture of FIXTURES) {
    const bytes = read(fixture)
    const warm = await extractFromBytes(bytes.slice(), fixture)
    const runs = Math.min(MAX_RUNS, Math.max(MIN_RUNS, Math.ceil(BYTES_PER_FIXTURE / bytes.byteLength)))
    const samples: number[] = []
    for (let i = 0; i < runs; i++) {
      const copy = bytes.slice()
      const started = performance.now()
      await extractFromBytes(copy, fixture)
      samples.push(performance.now() - started)
    }
    rows.push(row(warm.format, fixture, bytes.byteLength, samples, warm.text.length))
  }
  for (const input of MEGABYTE_INPUTS) {
    const content = new TextDecoder().decode(read(input.fixture))
    const bytes = new TextEncoder().encode(input.make(content, Math.ceil(1_000_000 / content.length)))
    const warm = await extractFromBytes(bytes.slice(), input.name)
    const samples: number[] = []
    for (let i = 0; i < MIN_RUNS; i++) {
      const copy = bytes.slice()
      const started = performance.now()
      await extractFromBytes(copy, input.name)
      samples.push(performance.now() - started)
    }
    rows.push(row(warm.format, `${input.fixture} repeated`, bytes.byteLength, samples, warm.text.length))
  }

  const pool = createAppWorkerPool(1)
  try {
    const bytes = read('book.pdf')
    await extractDocument(bytes.slice(), 'book.pdf', {}, pool)
    const samples: number[] = []
    let chars = 0
    for (let i = 0; i < MIN_RUNS; i++) {
      const copy = bytes.slice()
      const started = performance.now()
      chars = (await extractDocument(copy, 'book.pdf', {}, pool)).text.length
      samples.push(performance.now() - started)
    }
    rows.push(row('pdf (worker pool)', 'book.pdf', bytes.byteLength, samples, chars))
  } finally {
    await pool.close()
  }
  return { rows }
}

function read(fixture: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`../tests/fixtures/documents/${fixture}`, import.meta.url)))
}

function row(format: string, fixture: string, bytes: number, samples: number[], chars: number): ExtractBenchRow {
  const ms = median(samples)
  return {
    format,
    fixture,
    kb: Math.round(bytes / 100) / 10,
    runs: samples.length,
    ms: Math.round(ms * 100) / 100,
    mbPerS: Math.round((bytes / 1e6 / (ms / 1000)) * 10) / 10,
    chars,
  }
}

export function extractTable(result: ExtractBenchResult): string {
  return markdownTable(
    'Text extraction per format (median run, input MB/s)',
    [
      { header: 'format', cell: (r) => r.format },
      { header: 'fixture', cell: (r) => `\`${r.fixture}\`` },
      { header: 'kB', cell: (r) => r.kb, numeric: true },
      { header: 'runs', cell: (r) => r.runs, numeric: true },
      { header: 'ms', cell: (r) => r.ms, numeric: true },
      { header: 'MB/s', cell: (r) => r.mbPerS, numeric: true },
      { header: 'chars out', cell: (r) => r.chars, numeric: true },
    ],
    result.rows,
    [
      'Each fixture is one made by `tests/fixtures/documents/make-fixtures.sh`; `book.pdf` is 201 pages and `book.epub` 100 chapters of the same invented novel. ' +
        'Small files are extracted again until about 4 MB went through, and their rate is mostly the fixed cost of one file (recognizing the format, setting up its reader); ' +
        'the "repeated" rows make about 1 MB of each text format from its fixture to show the reading rate itself. ' +
        'Rates count input bytes, so compressed containers (DOCX, ODT, EPUB) look slower than the text they hold. ' +
        'The worker-pool row includes moving the bytes to the worker and the text back.',
    ],
  )
}
