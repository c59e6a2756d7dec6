import type { OllamaStatus } from '../../../shared/domain/ollamaStatus.ts'
import { api } from '../ipc/client.ts'
import { useLiveValue } from '../ipc/hooks.ts'
import { ErrorNotice } from './ErrorNotice.tsx'
import { useAction } from './useAction.ts'

function describe(status: OllamaStatus | undefined): { tone: 'ok' | 'warn' | 'bad' | 'idle'; title: string; detail: string } {
  if (!status || status.state === 'checking') return { tone: 'idle', title: 'Checking Ollama…', detail: status?.host ?? '' }
  switch (status.state) {
    case 'running':
      return {
        tone: 'ok',
        title: `Ollama ${status.version} running`,
        detail: status.managed ? `${status.host} · started by Instruct Desk` : status.host,
      }
    case 'not-running':
      return { tone: 'warn', title: 'Ollama is not running', detail: `Installed at ${status.executable}. Start it with “ollama serve”.` }
    case 'not-installed':
      return { tone: 'bad', title: 'Ollama is not installed', detail: 'Install it, then check again.' }
    case 'unreachable':
      return { tone: 'bad', title: 'Remote Ollama unreachable', detail: `${status.host}: ${status.reason}` }
    case 'starting':
      return { tone: 'idle', title: 'Starting Ollama…', detail: status.executable }
    case 'restarting':
      return {
        tone: 'warn',
        title: 'Ollama stopped — restarting',
        detail: `It ended with ${status.lastExit}; restart ${status.attempt} in ${Math.max(1, Math.round(status.delayMs / 1000))} s.`,
      }
    case 'failed':
      return { tone: 'bad', title: 'Ollama could not start', detail: status.error.message }
  }
}

/** Live Ollama state from main, with a re-check that does not wait for the next poll. */
export function StatusArea() {
  const status = useLiveValue('ollama:status')
  const { run, busy: checking, error } = useAction()
  const view = describe(status)
  const recheck = (): void => void run(() => api.invoke('ollama:recheck', {}))

  return (
    <section className={`status status-${view.tone}`} aria-label="Ollama status">
      <div role="status" aria-live="polite" className="status-text">
        <span className="status-dot" aria-hidden="true" />
        <span className="status-title" data-testid="ollama-status">
          {view.title}
        </span>
        <span className="status-detail">{view.detail}</span>
      </div>
      {view.tone !== 'ok' && view.tone !== 'idle' && status?.state !== 'failed' && (
        <button type="button" className="button button-small" onClick={recheck} disabled={checking}>
          {checking ? 'Checking…' : 'Check again'}
        </button>
      )}
      {error && <ErrorNotice error={error} />}
    </section>
  )
}
