import { useId, useState, type DragEvent } from 'react'
import { Trans, useTranslation } from 'react-i18next'
import type { JsonBatchEvent, JsonBatchOutcome, JsonBatchRun } from '../../../../shared/domain/jsonJobs.ts'
import { formatBytes } from '../../i18n/format.ts'
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
  const { t } = useTranslation('json')
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
        <h2 id={`${id}-title`}>{t('batch.inputs')}</h2>
      </div>
      <div
        className="json-drop json-batch-drop"
        onDragOver={(e) => e.dataTransfer.types.includes('Files') && e.preventDefault()}
        onDrop={onDrop}
      >
        <p>{t('batch.about')}</p>
        <FileButton label={t('batch.choose')} accept=".jsonl,.ndjson,.csv,.txt" onFile={(file) => void open(file)} />
        <p className="muted small">{t('batch.drop')}</p>
      </div>
      <p className="muted small" role="status">
        {note}
      </p>
      {file && (
        <div className="json-batch-file">
          <p>
            <strong>{file.name}</strong>{' '}
            <span className="muted small">{[formatBytes(file.size), t('counts.line', { count: lines })].join(' · ')}</span>
          </p>
          <label htmlFor={`${id}-format`} className="inline-label">
            {t('batch.readAs')}
          </label>
          <select id={`${id}-format`} value={file.format} onChange={(e) => onFile({ ...file, format: e.target.value as BatchFormat })}>
            <option value="jsonl">{t('batch.jsonl')}</option>
            <option value="csv">{t('batch.csv')}</option>
          </select>
        </div>
      )}
    </section>
  )
}

function BatchProgress({ progress }: { progress: JsonBatchEvent | undefined }) {
  const { t } = useTranslation('json')
  const done = progress?.done ?? 0
  const total = progress?.total ?? 0
  return (
    <section className="card json-live" aria-label={t('run.progress')}>
      <div className="pull-head">
        <strong>{t('batch.repairing')}</strong>
        <span className="muted small">
          {t('batch.counts', { done, total, valid: progress?.valid ?? 0, failed: progress?.failed ?? 0 })}
        </span>
      </div>
      <progress className="pull-bar" value={done} max={Math.max(total, 1)} aria-label={t('batch.inputsDone')} />
    </section>
  )
}

function BatchOutcomeView({ outcome, fileName }: { outcome: JsonBatchOutcome; fileName: string }) {
  const { t } = useTranslation('json')
  const name = resultFileName(fileName)
  return (
    <section className="card json-result" aria-label={t('batch.result')}>
      <p role="status">
        <strong>{t('batch.valid', { valid: outcome.valid, count: outcome.total })}</strong>
        {outcome.failed > 0 && ` · ${t('batch.invalid', { failed: outcome.failed })}`}
        {outcome.skipped > 0 && ` · ${t('batch.skipped', { skipped: outcome.skipped })}`}
      </p>
      <p className="muted small">
        <Trans t={t} i18nKey="batch.format" components={{ code: <code /> }} />
      </p>
      <div className="form-actions">
        <button
          type="button"
          className="button button-primary"
          onClick={() => saveFile(name, outcome.jsonl, 'application/x-ndjson')}
          disabled={!outcome.jsonl}
        >
          {t('batch.download', { name })}
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
  const { t } = useTranslation('json')
  const { state } = run
  const blocked = file ? schemaProblem(workspace.status, t) : t('batch.needsFile')
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
      <RunBar label={t('batch.run')} running={state.phase === 'running'} blocked={blocked} onRun={start} onStop={run.stop} />
      {state.phase === 'running' && <BatchProgress progress={state.progress} />}
      {state.phase === 'stopped' && (
        <p className="notice notice-info" role="status">
          {t('batch.stopped', { done: state.progress?.done ?? 0, count: state.progress?.total ?? 0 })}
        </p>
      )}
      {state.phase === 'failed' && state.error && <RunError error={state.error} onRetry={start} />}
      {state.phase === 'done' && state.result && <BatchOutcomeView outcome={state.result} fileName={state.request?.fileName ?? ''} />}
    </>
  )
}
