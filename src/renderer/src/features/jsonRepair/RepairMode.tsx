import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { InputPane } from './InputPane.tsx'
import { ResultView } from './ResultView.tsx'
import { RunBar } from './RunBar.tsx'
import { RunError } from './RunError.tsx'
import { schemaProblem, type RepairRun } from './runs.ts'
import { TraceList } from './TraceList.tsx'
import type { RepairSetup } from './useRepairSetup.ts'
import type { SchemaWorkspace } from './useSchemaWorkspace.ts'

export interface ModeLayout {
  /** The shared schema pane, shown beside the mode's input. */
  schemaPane: ReactNode
  optionsPanel: ReactNode
}

/** One text in, one repair: the trace live while it runs, then the result. */
export function RepairMode({
  run,
  text,
  onText,
  workspace,
  setup,
  schemaPane,
  optionsPanel,
}: ModeLayout & { run: RepairRun; text: string; onText(text: string): void; workspace: SchemaWorkspace; setup: RepairSetup }) {
  const { t } = useTranslation('json')
  const { state } = run
  const blocked = text.trim() ? schemaProblem(workspace.status, t) : t('repair.needsText')
  const start = (): void => {
    if (!('schema' in workspace.status)) return
    run.start({ text, schema: workspace.status.schema, options: setup.options, claude: setup.claude }, { text })
  }
  return (
    <>
      <div className="json-workbench">
        <InputPane text={text} onText={onText} />
        {schemaPane}
      </div>
      {optionsPanel}
      <RunBar label={t('repair.run')} running={state.phase === 'running'} blocked={blocked} onRun={start} onStop={run.stop} />
      {state.phase === 'running' && (
        <section className="card json-live" aria-label={t('run.progress')}>
          <TraceList trace={state.progress} live />
        </section>
      )}
      {state.phase === 'stopped' && <p className="notice notice-info">{t('repair.stopped')}</p>}
      {state.phase === 'failed' && state.error && <RunError error={state.error} onRetry={start} />}
      {state.phase === 'done' && state.result && <ResultView result={state.result} input={state.request?.text ?? ''} />}
    </>
  )
}
