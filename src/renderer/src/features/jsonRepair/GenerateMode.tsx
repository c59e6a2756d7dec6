import { useId } from 'react'
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

/** Claude's stage: waiting for the first words, writing (characters so far), done. */
function ClaudeStage({ progress }: { progress: ClaudeProgress | undefined }) {
  const characters = progress ? `${progress.characters.toLocaleString()} characters` : ''
  const words =
    !progress || progress.state === 'waiting'
      ? `Waiting for Claude${progress ? ` (${progress.model})` : ''} to start writing…`
      : progress.state === 'writing'
        ? `Claude (${progress.model}) is writing: ${characters} received.`
        : `Claude (${progress.model}) finished: ${characters}. Checking the answer…`
  return (
    <p className="json-stage" role="status" data-state={progress?.state ?? 'waiting'}>
      {words}
    </p>
  )
}

function PromptPane({ draft, onDraft }: { draft: GenerateDraft; onDraft(draft: GenerateDraft): void }) {
  const id = useId()
  return (
    <section className="json-pane" aria-labelledby={`${id}-title`}>
      <div className="json-pane-head">
        <h2 id={`${id}-title`}>Prompt</h2>
      </div>
      <div className="field">
        <label htmlFor={`${id}-prompt`} className="visually-hidden">
          Prompt for Claude
        </label>
        <textarea
          id={`${id}-prompt`}
          rows={7}
          value={draft.prompt}
          placeholder="What should Claude write? The schema on the right says what shape the answer must have."
          onChange={(e) => onDraft({ ...draft, prompt: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-system`}>System prompt (optional)</label>
        <textarea id={`${id}-system`} rows={3} value={draft.system} onChange={(e) => onDraft({ ...draft, system: e.target.value })} />
      </div>
      <div className="field json-attempts">
        <label htmlFor={`${id}-limit`}>Answer limit (tokens)</label>
        <input
          id={`${id}-limit`}
          type="number"
          min={16}
          max={64000}
          step={256}
          value={draft.maxTokens}
          placeholder="Default"
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
  const { state } = run
  const { go } = useNavigation()
  const limit = Number(draft.maxTokens)
  const limitOk = draft.maxTokens.trim() === '' || (Number.isInteger(limit) && limit >= 16 && limit <= 64_000)
  const blocked = !setup.claudeKey
    ? 'Claude needs an Anthropic API key: add one in Settings.'
    : !setup.settings.data?.claudeModel
      ? 'Choose a Claude model in the options below.'
      : !draft.prompt.trim()
        ? 'Write a prompt first.'
        : !limitOk
          ? 'The answer limit must be a whole number from 16 to 64,000.'
          : schemaProblem(workspace.status)

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
          <p>Generating needs Claude, and Claude needs an Anthropic API key. Everything else on this screen works without one.</p>
          <button type="button" className="button button-small" onClick={() => go('settings')}>
            Open Settings
          </button>
        </div>
      )}
      <div className="json-workbench">
        <PromptPane draft={draft} onDraft={onDraft} />
        {schemaPane}
      </div>
      {optionsPanel}
      <RunBar label="Generate" running={state.phase === 'running'} blocked={blocked} onRun={start} onStop={run.stop} />
      {state.phase === 'running' && (
        <section className="card json-live" aria-label="Progress">
          <ClaudeStage progress={state.progress.claude} />
          {state.progress.trace.length > 0 && <TraceList trace={state.progress.trace} live />}
        </section>
      )}
      {state.phase === 'stopped' && <p className="notice notice-info">Stopped.</p>}
      {state.phase === 'failed' && state.error && <RunError error={state.error} onRetry={start} />}
      {state.phase === 'done' && state.result && (
        <>
          <details className="card json-answer">
            <summary>Claude’s answer ({(answer ?? '').length.toLocaleString()} characters)</summary>
            <pre className="code-block" tabIndex={0} aria-label="Claude’s answer">
              {answer}
            </pre>
          </details>
          <ResultView result={state.result.result} input={answer ?? ''} />
        </>
      )}
    </>
  )
}
