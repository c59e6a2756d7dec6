// Runs vitest and ends with the plain summary line CI reads: "Tests: N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync } from 'node:fs'

const report = 'test-results/vitest.json'
mkdirSync('test-results', { recursive: true })
rmSync(report, { force: true })
const run = spawnSync(
  'npx',
  ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)],
  {
    stdio: 'inherit',
  },
)
let summary = 'Tests: 0 passed, 1 failed (vitest produced no report)'
try {
  const result = JSON.parse(readFileSync(report, 'utf8'))
  const skipped = result.numPendingTests + result.numTodoTests
  summary = `Tests: ${result.numPassedTests} passed, ${result.numFailedTests} failed, ${skipped} skipped`
} catch {
  // Keep the failure summary above: vitest crashed before writing its report.
}
console.log(`\n${summary}`)
process.exit(run.status ?? 1)
