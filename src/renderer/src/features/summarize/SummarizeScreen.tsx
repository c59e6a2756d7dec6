import { useEffect, useMemo, useRef, useState, type ChangeEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { SummaryOptions } from '../../../../shared/domain/summary.ts'
import { useInvoke } from '../../ipc/hooks.ts'
import { ErrorNotice } from '../../ui/ErrorNotice.tsx'
import { useHandoff, useNavigation, type Handoff } from '../../ui/navigation.ts'
import { ScreenHeader } from '../../ui/ScreenHeader.tsx'
import { FirstRunPull } from '../models/FirstRunPull.tsx'
import { DropZone } from './DropZone.tsx'
import { FileList } from './FileList.tsx'
import { SummaryHistory } from './SummaryHistory.tsx'
import { SummaryOptionsForm, type OptionsDraft } from './SummaryOptionsForm.tsx'
import { SummaryResultView } from './SummaryResultView.tsx'
import { useStoredSummary } from './useStoredSummary.ts'
import { useBatch } from './SummaryBatchProvider.tsx'
import { useSummaryHistory } from './useSummaryHistory.ts'

/** The options as sent: empty focus and language mean none. */
function toOptions(draft: OptionsDraft): SummaryOptions {
  const focus = draft.focus.trim()
  const language = draft.language.trim()
  return { model: draft.model, length: draft.length, ...(focus ? { focus } : {}), ...(language ? { language } : {}) }
}

/**
 * Documents in, summaries out: a batch of dropped files with each one's progress, the chosen
 * summary with its coverage map, and the history of earlier ones. A batch keeps running in main
 * when the screen is left; its summaries land in the history.
 */
export function SummarizeScreen() {
  const { t } = useTranslation('summarize')
  const settings = useInvoke('settings:get', {})
  const models = useInvoke('models:list', {})
  const history = useSummaryHistory()
  const navigation = useNavigation()
  const [selectedId, setSelectedId] = useState<string>()
  const stored = useStoredSummary(selectedId)
  const [chosen, setChosen] = useState<Partial<OptionsDraft>>({})
  const picker = useRef<HTMLInputElement>(null)

  const reloadHistory = history.reload
  const batch = useBatch()
  const { onStored } = batch
  useEffect(
    () =>
      onStored((id, first) => {
        reloadHistory()
        if (first) setSelectedId(id)
      }),
    [onStored, reloadHistory],
  )

  const installed = useMemo(() => models.data?.map((m) => m.name) ?? [], [models.data])
  const defaultModel = settings.data?.defaultModel
  const draft: OptionsDraft = {
    // The settings' default model when it is installed, else the first one that is.
    model: chosen.model ?? (defaultModel && installed.includes(defaultModel) ? defaultModel : (installed[0] ?? defaultModel ?? '')),
    length: chosen.length ?? settings.data?.summaryLength ?? 'bullets',
    focus: chosen.focus ?? '',
    language: chosen.language ?? settings.data?.summaryLanguage ?? '',
  }
  const ready = settings.data !== undefined && installed.length > 0
  const { model, length, focus, language } = draft
  const options = useMemo(
    () => (ready ? toOptions({ model, length, focus, language }) : undefined),
    [ready, model, length, focus, language],
  )

  // Files dropped anywhere in the window (or here while a batch runs) wait as a handoff until the screen can take them.
  const { handoff, taken } = useHandoff('summarize-files')
  const started = useRef<Handoff>(undefined)
  const { start, running } = batch
  useEffect(() => {
    // The ref keeps StrictMode's second run of this effect from starting the same files twice.
    if (!handoff || running || !options || started.current === handoff) return
    started.current = handoff
    taken()
    void start(handoff.files, options)
  }, [handoff, running, options, taken, start])

  const submit = (files: File[]): void => {
    if (running || !options) navigation.go('summarize', { kind: 'summarize-files', files })
    else void start(files, options)
  }
  const onPicked = (event: ChangeEvent<HTMLInputElement>): void => {
    const files = [...(event.target.files ?? [])]
    event.target.value = ''
    if (files.length > 0) submit(files)
  }
  const pick = (): void => picker.current?.click()
  const waiting = handoff?.files.length ?? 0

  return (
    <div className="chat-layout summarize-layout">
      <SummaryHistory
        items={history.items}
        error={history.error}
        query={history.query}
        searching={history.searching}
        selectedId={selectedId}
        onQuery={history.setQuery}
        onSelect={setSelectedId}
        onRetry={history.reload}
      />
      <div className="summarize-main">
        <div className="screen summarize">
          <ScreenHeader
            title={t('title')}
            description={t('description')}
            actions={
              <button type="button" className="button" onClick={pick}>
                {t('open')}
              </button>
            }
          />
          <input ref={picker} type="file" multiple hidden onChange={onPicked} />
          {settings.error && <ErrorNotice error={settings.error} onRetry={settings.reload} />}
          {models.error && <ErrorNotice error={models.error} onRetry={models.reload} />}
          {models.data?.length === 0 && <FirstRunPull onInstalled={models.reload} />}
          <section className="summarize-intake" aria-label={t('newSummary')}>
            <DropZone onFiles={submit} onPick={pick} />
            <SummaryOptionsForm value={draft} models={installed} onChange={(patch) => setChosen((c) => ({ ...c, ...patch }))} />
          </section>
          {waiting > 0 && (
            <p className="notice notice-info" role="status">
              {running ? t('waitingForBatch', { count: waiting }) : t('waitingForModel', { count: waiting })}
            </p>
          )}
          {batch.files.length > 0 && (
            <FileList
              files={batch.files}
              running={running}
              skipped={batch.skipped}
              selectedId={selectedId}
              onOpen={setSelectedId}
              onCancel={batch.cancel}
              onClear={batch.clear}
            />
          )}
          {selectedId && stored.error && <ErrorNotice error={stored.error} onRetry={stored.reload} />}
          {selectedId && !stored.error && !stored.summary && <p className="muted">{t('opening')}</p>}
          {stored.summary && (
            <SummaryResultView
              key={stored.summary.id}
              stored={stored.summary}
              onDeleted={() => {
                setSelectedId(undefined)
                history.reload()
              }}
            />
          )}
        </div>
      </div>
    </div>
  )
}
