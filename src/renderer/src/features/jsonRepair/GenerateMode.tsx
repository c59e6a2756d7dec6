import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import type { ClaudeProgress } from '../../../../shared/domain/claude.ts'
import { useNavigation } from '../../ui/navigation.ts'
import type { ModeLayout } from './RepairMode.tsx'
import { ResultView } from './ResultView.tsx'
import { RunBar } from './RunBar.tsx'
import { RunError } from './RunError.tsx'
import { schemaProblem, type GenerateRun } from './runs.ts'
import { TraceList } from './TraceList.tsx'
import type { RepairSetup } from './useRepairSetup.ts'
import type { SchemaWorkspace } from './useSchemaWorkspace.ts'

export interface GenerateDraft {
  prompt: string
  system: string
  /** Claude's answer limit in tokens; empty leaves main's default. */
  maxTokens: string
}

export const EMPTY_GENERATE_DRAFT: GenerateDraft = { prompt: '', system: '', maxTokens: '' }

/** The answer limits this screen offers. */
const MIN_TOKENS = 16
const MAX_TOKENS = 64_000

/** Claude's stage: waiting for the first words, writing (characters so far), done. */
function ClaudeStage({ progress }: { progress: ClaudeProgress | undefined }) {
  const { t } = useTranslation('json')
  const characters = progress ? t('counts.character', { count: progress.characters }) : ''
  const words = !progress
    ? t('generate.waiting')
    : progress.state === 'waiting'
      ? t('generate.waitingFor', { model: progress.model })
      : progress.state === 'writing'
        ? t('generate.writing', { model: progress.model, characters })
        : t('generate.finished', { model: progress.model, characters })
  return (
    <p className="json-stage" role="status" data-state={progress?.state ?? 'waiting'}>
      {words}
    </p>
  )
}

function PromptPane({ draft, onDraft }: { draft: GenerateDraft; onDraft(draft: GenerateDraft): void }) {
  const { t } = useTranslation('json')
  const id = useId()
  return (
    <section className="json-pane" aria-labelledby={`${id}-title`}>
      <div className="json-pane-head">
        <h2 id={`${id}-title`}>{t('generate.prompt')}</h2>
      </div>
      <div className="field">
        <label htmlFor={`${id}-prompt`} className="visually-hidden">
          {t('generate.promptLabel')}
        </label>
        <textarea
          id={`${id}-prompt`}
          rows={7}
          value={draft.prompt}
          placeholder={t('generate.promptPlaceholder')}
          onChange={(e) => onDraft({ ...draft, prompt: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-system`}>{t('generate.system')}</label>
        <textarea id={`${id}-system`} rows={3} value={draft.system} onChange={(e) => onDraft({ ...draft, system: e.target.value })} />
      </div>
      <div className="field json-attempts">
        <label htmlFor={`${id}-limit`}>{t('generate.limit')}</label>
        <input
          id={`${id}-limit`}
          type="number"
          min={MIN_TOKENS}
          max={MAX_TOKENS}
          step={256}
          value={draft.maxTokens}
          placeholder={t('generate.limitPlaceholder')}
          onChange={(e) => onDraft({ ...draft, maxTokens: e.target.value })}
        />
      </div>
    </section>
  )
}

/** A prompt to Claude, whose answer goes through the repair pipeline: both stages live, then the answer and the result. */
export function GenerateMode({
  run,
  draft,
  onDraft,
  workspace,
  setup,
  schemaPane,
  optionsPanel,
}: ModeLayout & {
  run: GenerateRun
  draft: GenerateDraft
  onDraft(draft: GenerateDraft): void
  workspace: SchemaWorkspace
  setup: RepairSetup
}) {
  const { t } = useTranslation('json')
  const { state } = run
  const { go } = useNavigation()
  const limit = Number(draft.maxTokens)
  const limitOk = draft.maxTokens.trim() === '' || (Number.isInteger(limit) && limit >= MIN_TOKENS && limit <= MAX_TOKENS)
  const blocked = !setup.claudeKey
    ? t('claude.needsKey')
    : !setup.settings.data?.claudeModel
      ? t('generate.chooseModel')
      : !draft.prompt.trim()
        ? t('generate.needsPrompt')
        : !limitOk
          ? t('generate.badLimit', { min: MIN_TOKENS, max: MAX_TOKENS })
          : schemaProblem(workspace.status, t)

  const start = (): void => {
    if (!('schema' in workspace.status)) return
    run.start(
      {
        prompt: draft.prompt,
        schema: workspace.status.schema,
        options: setup.options,
        ...(draft.system.trim() ? { system: draft.system } : {}),
        ...(draft.maxTokens.trim() ? { maxTokens: limit } : {}),
      },
      undefined,
    )
  }
  const answer = state.result?.answer
  return (
    <>
      {!setup.claudeKey && (
        <div className="notice notice-info">
          <p>{t('generate.keyNotice')}</p>
          <button type="button" className="button button-small" onClick={() => go('settings')}>
            {t('run.openSettings')}
          </button>
        </div>
      )}
      <div className="json-workbench">
        <PromptPane draft={draft} onDraft={onDraft} />
        {schemaPane}
      </div>
      {optionsPanel}
      <RunBar label={t('generate.run')} running={state.phase === 'running'} blocked={blocked} onRun={start} onStop={run.stop} />
      {state.phase === 'running' && (
        <section className="card json-live" aria-label={t('run.progress')}>
          <ClaudeStage progress={state.progress.claude} />
          {state.progress.trace.length > 0 && <TraceList trace={state.progress.trace} live />}
        </section>
      )}
      {state.phase === 'stopped' && <p className="notice notice-info">{t('generate.stopped')}</p>}
      {state.phase === 'failed' && state.error && <RunError error={state.error} onRetry={start} />}
      {state.phase === 'done' && state.result && (
        <>
          <details className="card json-answer">
            <summary>{t('generate.answer', { characters: t('counts.character', { count: (answer ?? '').length }) })}</summary>
            <pre className="code-block" tabIndex={0} aria-label={t('generate.answerLabel')}>
              {answer}
            </pre>
          </details>
          <ResultView result={state.result.result} input={answer ?? ''} />
        </>
      )}
    </>
  )
}
