// `npm run bench`: runs each benchmark, writes bench/results/<name>.json and a Markdown table,
// and refreshes the table in README.md between the bench markers.
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { ipcRoundTrip, type BenchRow } from './ipcRoundTrip.ts'

const root = path.resolve(import.meta.dirname, '..')
const resultsDir = path.join(root, 'bench', 'results')

function table(title: string, rows: BenchRow[]): string {
  const lines = [`**${title}**`, '', '| path | p50 (µs) | p95 (µs) | p50 ÷ baseline | samples |', '|---|---:|---:|---:|---:|']
  for (const row of rows)
    lines.push(`| ${row.name} | ${row.timing.p50Us} | ${row.timing.p95Us} | ${row.ratioP50}× | ${row.timing.samples} |`)
  return lines.join('\n')
}

const benches = [{ name: 'ipc-roundtrip', title: 'IPC round trip (settings:get)', run: () => ipcRoundTrip() }]
const sections: string[] = []
for (const bench of benches) {
  const rows = await bench.run()
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.versions.node}`
  await mkdir(resultsDir, { recursive: true })
  await writeFile(
    path.join(resultsDir, `${bench.name}.json`),
    `${JSON.stringify({ name: bench.name, date: new Date().toISOString(), machine, rows }, null, 2)}\n`,
  )
  sections.push(table(bench.title, rows))
  console.log(table(bench.title, rows))
}
const markdown = `${sections.join('\n\n')}\n`
await writeFile(path.join(resultsDir, 'results.md'), markdown)

const readmePath = path.join(root, 'README.md')
const readme = await readFile(readmePath, 'utf8')
const updated = readme.replace(/<!-- bench:start -->[\s\S]*<!-- bench:end -->/, `<!-- bench:start -->\n${markdown}<!-- bench:end -->`)
await writeFile(readmePath, updated)
