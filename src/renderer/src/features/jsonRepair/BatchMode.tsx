import { useId, useState, type DragEvent } from 'react'
import type { JsonBatchEvent, JsonBatchOutcome, JsonBatchRun } from '../../../../shared/domain/jsonJobs.ts'
import { formatBytes } from '../../ui/format.ts'
import type { ModeLayout } from './RepairMode.tsx'
import { FileButton } from '../../ui/FileButton.tsx'
import { readTextFile } from './readTextFile.ts'
import { RunBar } from './RunBar.tsx'
import { RunError } from './RunError.tsx'
import { schemaProblem, type BatchRun } from './runs.ts'
import { saveFile } from '../../ui/saveFile.ts'
import type { RepairSetup } from './useRepairSetup.ts'
import type { SchemaWorkspace } from './useSchemaWorkspace.ts'

export type BatchFormat = JsonBatchRun['format']

export interface BatchFile {
  name: string
  size: number
  text: string
  format: BatchFormat
}

/** The contract's limit on a batch's text. */
const MAX_BATCH_BYTES = 8_000_000

function resultFileName(input: string): string {
  return `${input.replace(/\.[^.]+$/, '') || 'batch'}.results.jsonl`
}

function FilePane({ file, onFile }: { file: BatchFile | undefined; onFile(file: BatchFile | undefined): void }) {
  const id = useId()
  const [note, setNote] = useState('')

  const open = async (picked: File | undefined): Promise<void> => {
    if (!picked) return
    try {
      const text = await readTextFile(picked, MAX_BATCH_BYTES)
      onFile({ name: picked.name, size: picked.size, text, format: /\.csv$/i.test(picked.name) ? 'csv' : 'jsonl' })
      setNote('')
    } catch (error) {
      setNote((error as Error).message)
    }
  }
  const onDrop = (event: DragEvent): void => {
    if (event.dataTransfer.files.length === 0) return
    // Taken here, so the app does not treat the file as a document to summarize.
    event.preventDefault()
    void open(event.dataTransfer.files[0])
  }
  const lines = file ? file.text.split('\n').filter((l) => l.trim()).length : 0

  return (
    <section className="json-pane" aria-labelledby={`${id}-title`}>
      <div className="json-pane-head">
        <h2 id={`${id}-title`}>Inputs</h2>
      </div>
      <div
        className="json-drop json-batch-drop"
        onDragOver={(e) => e.dataTransfer.types.includes('Files') && e.preventDefault()}
        onDrop={onDrop}
      >
        <p>One input per line of a JSONL file, or per row of a CSV file (each row becomes an object keyed by the header).</p>
        <FileButton label="Choose a JSONL or CSV file…" accept=".jsonl,.ndjson,.csv,.txt" onFile={(file) => void open(file)} />
        <p className="muted small">or drop it here</p>
      </div>
      <p className="muted small" role="status">
        {note}
      </p>
      {file && (
        <div className="json-batch-file">
          <p>
            <strong>{file.name}</strong>{' '}
            <span className="muted small">
              {formatBytes(file.size)} · {lines.toLocaleString()} non-empty lines
            </span>
          </p>
          <label htmlFor={`${id}-format`} className="inline-label">
            Read as
          </label>
          <select id={`${id}-format`} value={file.format} onChange={(e) => onFile({ ...file, format: e.target.value as BatchFormat })}>
            <option value="jsonl">JSONL: one input per line</option>
            <option value="csv">CSV: one input per row</option>
          </select>
        </div>
      )}
    </section>
  )
}

function BatchProgress({ progress }: { progress: JsonBatchEvent | undefined }) {
  const done = progress?.done ?? 0
  const total = progress?.total ?? 0
  return (
    <section className="card json-live" aria-label="Progress">
      <div className="pull-head">
        <strong>Repairing inputs…</strong>
        <span className="muted small">
          {done.toLocaleString()} of {total.toLocaleString()} done · {progress?.valid ?? 0} valid · {progress?.failed ?? 0} failed
        </span>
      </div>
      <progress className="pull-bar" value={done} max={Math.max(total, 1)} aria-label="Inputs done" />
    </section>
  )
}

function BatchOutcomeView({ outcome, fileName }: { outcome: JsonBatchOutcome; fileName: string }) {
  const name = resultFileName(fileName)
  return (
    <section className="card json-result" aria-label="Batch result">
      <p role="status">
        <strong>
          {outcome.valid.toLocaleString()} of {outcome.total.toLocaleString()} inputs valid
        </strong>
        {outcome.failed > 0 && ` · ${outcome.failed.toLocaleString()} could not be made valid`}
        {outcome.skipped > 0 && ` · stopped with ${outcome.skipped.toLocaleString()} not done`}
      </p>
      <p className="muted small">
        One JSON line per input, in order: <code>{'{line, ok, value | errors, step, calls}'}</code>.
      </p>
      <div className="form-actions">
        <button
          type="button"
          className="button button-primary"
          onClick={() => saveFile(name, outcome.jsonl, 'application/x-ndjson')}
          disabled={!outcome.jsonl}
        >
          Download {name}
        </button>
      </div>
    </section>
  )
}

/** Many inputs against one schema: progress with counts, then the results as JSONL to download. */
export function BatchMode({
  run,
  file,
  onFile,
  workspace,
  setup,
  schemaPane,
  optionsPanel,
}: ModeLayout & {
  run: BatchRun
  file: BatchFile | undefined
  onFile(file: BatchFile | undefined): void
  workspace: SchemaWorkspace
  setup: RepairSetup
}) {
  const { state } = run
  const blocked = file ? schemaProblem(workspace.status) : 'Choose a JSONL or CSV file first.'
  const start = (): void => {
    if (!file || !('schema' in workspace.status)) return
    const request = { text: file.text, format: file.format, schema: workspace.status.schema, options: setup.options, claude: setup.claude }
    run.start(request, { fileName: file.name })
  }
  return (
    <>
      <div className="json-workbench">
        <FilePane file={file} onFile={onFile} />
        {schemaPane}
      </div>
      {optionsPanel}
      <RunBar label="Run batch" running={state.phase === 'running'} blocked={blocked} onRun={start} onStop={run.stop} />
      {state.phase === 'running' && <BatchProgress progress={state.progress} />}
      {state.phase === 'stopped' && (
        <p className="notice notice-info" role="status">
          Stopped after {(state.progress?.done ?? 0).toLocaleString()} of {(state.progress?.total ?? 0).toLocaleString()} inputs.
        </p>
      )}
      {state.phase === 'failed' && state.error && <RunError error={state.error} onRetry={start} />}
      {state.phase === 'done' && state.result && <BatchOutcomeView outcome={state.result} fileName={state.request?.fileName ?? ''} />}
    </>
  )
}
