// `npm run bench`: runs each benchmark, writes bench/results/<name>.json and a Markdown table,
// and refreshes the tables in README.md between the bench markers.
// `npm run bench -- pull` runs only the named ones (optional ones too) and leaves README.md and results.md alone.
// Each bench runs in a process of its own, so none measures the heap, sockets or timers another left behind.
import { spawnSync } from 'node:child_process'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { chatBench, chatBenchTable } from './chatBench.ts'
import { extractBench, extractTable } from './extractBench.ts'
import { ipcRoundTrip, ipcTable } from './ipcRoundTrip.ts'
import { markdownBench, markdownBenchTable } from './markdownBench.ts'
import { FINE_LINES_CONFIGS, pullBench, pullTable } from './pullBench.ts'
import { historyBench, historyTable } from './historyBench.ts'
import { robustnessBench, robustnessTable } from './robustnessBench.ts'
import { jsonRepairBench, jsonRepairTable } from './jsonRepairBench.ts'
import { summarizeBench, summarizeTable } from './summarizeBench.ts'
import { summarizeUiBench, summarizeUiTable } from './summarizeUiBench.ts'
import { tokenBench, tokenTable } from './tokenBench.ts'

const root = path.resolve(import.meta.dirname, '..')
const resultsDir = path.join(root, 'bench', 'results')

/** What a bench hands back: whatever it measured (stored as JSON as is) and its table for README.md. */
interface BenchResult {
  data: unknown
  table: string
}

interface Bench {
  name: string
  run: () => Promise<BenchResult>
  /** Too slow for every run: only when named on the command line, and never in README.md. */
  optional?: boolean
}

const benches: Bench[] = [
  {
    name: 'ipc-roundtrip',
    run: async () => {
      const rows = await ipcRoundTrip()
      return { data: { rows }, table: ipcTable(rows) }
    },
  },
  {
    name: 'pull',
    run: async () => {
      const result = await pullBench()
      return { data: result, table: pullTable(result) }
    },
  },
  {
    name: 'history',
    run: async () => {
      const result = await historyBench()
      return { data: result, table: historyTable(result) }
    },
  },
  {
    name: 'tokens',
    run: async () => {
      const result = await tokenBench()
      return { data: result, table: tokenTable(result) }
    },
  },
  {
    name: 'summarize',
    run: async () => {
      const result = await summarizeBench()
      return { data: result, table: summarizeTable(result) }
    },
  },
  {
    name: 'json-repair',
    run: async () => {
      const result = await jsonRepairBench()
      return { data: result, table: jsonRepairTable(result) }
    },
  },
  {
    name: 'extract',
    run: async () => {
      const result = await extractBench()
      return { data: result, table: extractTable(result) }
    },
  },
  {
    name: 'markdown-longtask',
    run: async () => {
      const result = await markdownBench()
      return { data: result, table: markdownBenchTable(result) }
    },
  },
  {
    name: 'summarize-ui',
    run: async () => {
      const result = await summarizeUiBench()
      return { data: result, table: summarizeUiTable(result) }
    },
  },
  {
    name: 'chat',
    run: async () => {
      const result = await chatBench()
      return { data: result, table: chatBenchTable(result) }
    },
  },
  {
    name: 'robustness',
    run: async () => {
      const result = await robustnessBench()
      return { data: result, table: robustnessTable(result) }
    },
  },
  {
    name: 'pull-fine-lines',
    optional: true,
    run: async () => {
      const result = await pullBench(FINE_LINES_CONFIGS)
      return { data: result, table: pullTable(result) }
    },
  },
]

const CHILD = '--child'
const RESULT_LINE = 'bench-result:'

if (process.argv[2] === CHILD) {
  const bench = benches.find((b) => b.name === process.argv[3])
  if (!bench) throw new Error(`No bench named ${process.argv[3]}`)
  console.log(`${RESULT_LINE}${JSON.stringify(await bench.run())}`)
  process.exit(0)
}

const only = process.argv.slice(2)
const unknown = only.filter((name) => !benches.some((b) => b.name === name))
if (unknown.length) throw new Error(`No bench named ${unknown.join(', ')}; there are ${benches.map((b) => b.name).join(', ')}.`)
const selected = only.length ? benches.filter((b) => only.includes(b.name)) : benches.filter((b) => !b.optional)

/** Runs one bench in a fresh Node process and takes its result from the line it prints. */
function runApart(name: string): BenchResult {
  const child = spawnSync(process.execPath, [import.meta.filename, CHILD, name], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  })
  const lines = child.stdout.split('\n')
  const line = lines.find((l) => l.startsWith(RESULT_LINE))
  const said = lines.filter((l) => l !== line && l !== '')
  if (said.length) console.log(said.join('\n'))
  if (child.status !== 0 || !line) throw new Error(`The ${name} bench failed (exit ${child.status}).`)
  return JSON.parse(line.slice(RESULT_LINE.length)) as BenchResult
}

const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.versions.node}`
const sections: string[] = []
await mkdir(resultsDir, { recursive: true })
for (const bench of selected) {
  const started = performance.now()
  const { data, table } = runApart(bench.name)
  await writeFile(
    path.join(resultsDir, `${bench.name}.json`),
    `${JSON.stringify({ name: bench.name, date: new Date().toISOString(), machine, ...(data as object) }, null, 2)}\n`,
  )
  sections.push(table)
  console.log(`${table}\n\n(${bench.name}: ${((performance.now() - started) / 1000).toFixed(1)} s)\n`)
}

if (only.length === 0) {
  const markdown = `${sections.join('\n\n')}\n`
  await writeFile(path.join(resultsDir, 'results.md'), markdown)
  const readmePath = path.join(root, 'README.md')
  const readme = await readFile(readmePath, 'utf8')
  const updated = readme.replace(/<!-- bench:start -->[\s\S]*<!-- bench:end -->/, `<!-- bench:start -->\n${markdown}<!-- bench:end -->`)
  await writeFile(readmePath, updated)
}
