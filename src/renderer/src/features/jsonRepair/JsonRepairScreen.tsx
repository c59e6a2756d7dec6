import { useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ErrorNotice } from '../../ui/ErrorNotice.tsx'
import { useHandoff, type Handoff } from '../../ui/navigation.ts'
import { ScreenHeader } from '../../ui/ScreenHeader.tsx'
import { BatchMode, type BatchFile } from './BatchMode.tsx'
import { EMPTY_GENERATE_DRAFT, GenerateMode } from './GenerateMode.tsx'
import { ModeTabs, panelId, tabId, type JsonMode } from './ModeTabs.tsx'
import { RepairMode } from './RepairMode.tsx'
import { RepairOptionsPanel } from './RepairOptionsPanel.tsx'
import { useJsonRuns } from './runs.ts'
import { SchemaPane } from './SchemaPane.tsx'
import { useRepairSetup } from './useRepairSetup.ts'
import { useSchemaWorkspace } from './useSchemaWorkspace.ts'

/**
 * Messy model output in, JSON that validates against a schema out: one text, a prompt to Claude,
 * or a whole file of inputs. The schema, options, inputs and runs live here, so switching tabs
 * keeps them (and a running batch goes on).
 */
export function JsonRepairScreen() {
  const { t } = useTranslation('json')
  const baseId = useId()
  const [mode, setMode] = useState<JsonMode>('repair')
  const [text, setText] = useState('')
  const [draft, setDraft] = useState(EMPTY_GENERATE_DRAFT)
  const [file, setFile] = useState<BatchFile>()
  const workspace = useSchemaWorkspace()
  const setup = useRepairSetup()
  const runs = useJsonRuns()

  // Text handed over from elsewhere ("Extract as JSON…" on a chat message) becomes the input.
  const { handoff, taken } = useHandoff('json-input')
  const [received, setReceived] = useState<Handoff>()
  if (handoff && handoff !== received) {
    setReceived(handoff)
    setText(handoff.text)
    setMode('repair')
  }
  useEffect(() => {
    if (handoff) taken()
  }, [handoff, taken])

  const layout = {
    // A schema is inferred from the repair's input; the other modes have no single JSON text to offer.
    schemaPane: <SchemaPane workspace={workspace} input={mode === 'repair' ? text : ''} />,
    optionsPanel: <RepairOptionsPanel setup={setup} offerClaudeLast={mode !== 'generate'} />,
  }
  return (
    <div className="screen json-screen">
      <ScreenHeader title={t('title')} description={t('description')} />
      {setup.settings.error && <ErrorNotice error={setup.settings.error} onRetry={setup.settings.reload} />}
      <ModeTabs baseId={baseId} mode={mode} onMode={setMode} />
      <div id={panelId(baseId)} role="tabpanel" aria-labelledby={tabId(baseId, mode)} className="json-panel">
        {mode === 'repair' && <RepairMode run={runs.repair} text={text} onText={setText} workspace={workspace} setup={setup} {...layout} />}
        {mode === 'generate' && (
          <GenerateMode run={runs.generate} draft={draft} onDraft={setDraft} workspace={workspace} setup={setup} {...layout} />
        )}
        {mode === 'batch' && <BatchMode run={runs.batch} file={file} onFile={setFile} workspace={workspace} setup={setup} {...layout} />}
      </div>
    </div>
  )
}
