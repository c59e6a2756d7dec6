import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import type { OllamaStatus } from '../../../shared/domain/ollamaStatus.ts'
import { api } from '../ipc/client.ts'
import { useLiveValue } from '../ipc/hooks.ts'
import { ErrorNotice } from './ErrorNotice.tsx'
import { useAction } from './useAction.ts'

function describe(
  status: OllamaStatus | undefined,
  t: TFunction<'shell'>,
): { tone: 'ok' | 'warn' | 'bad' | 'idle'; title: string; detail: string } {
  if (!status || status.state === 'checking') return { tone: 'idle', title: t('status.checking'), detail: status?.host ?? '' }
  switch (status.state) {
    case 'running':
      return {
        tone: 'ok',
        title: t('status.running', { version: status.version }),
        detail: status.managed ? t('status.managed', { host: status.host }) : status.host,
      }
    case 'not-running':
      return { tone: 'warn', title: t('status.notRunning'), detail: t('status.notRunningDetail', { executable: status.executable }) }
    case 'not-installed':
      return { tone: 'bad', title: t('status.notInstalled'), detail: t('status.notInstalledDetail') }
    case 'unreachable':
      return {
        tone: 'bad',
        title: t('status.unreachable'),
        detail: t('status.unreachableDetail', { host: status.host, reason: status.reason }),
      }
    case 'starting':
      return { tone: 'idle', title: t('status.starting'), detail: status.executable }
    case 'restarting':
      return {
        tone: 'warn',
        title: t('status.restarting'),
        detail: t('status.restartingDetail', {
          exit: status.lastExit,
          attempt: status.attempt,
          seconds: Math.max(1, Math.round(status.delayMs / 1000)),
        }),
      }
    case 'failed':
      return { tone: 'bad', title: t('status.failed'), detail: status.error.message }
  }
}

/** Live Ollama state from main, with a re-check that does not wait for the next poll. */
export function StatusArea() {
  const { t } = useTranslation('shell')
  const status = useLiveValue('ollama:status')
  const { run, busy: checking, error } = useAction()
  const view = describe(status, t)
  const recheck = (): void => void run(() => api.invoke('ollama:recheck', {}))

  return (
    <section className={`status status-${view.tone}`} aria-label={t('status.region')}>
      <div role="status" aria-live="polite" className="status-text">
        <span className="status-dot" aria-hidden="true" />
        <span className="status-title" data-testid="ollama-status">
          {view.title}
        </span>
        <span className="status-detail">{view.detail}</span>
      </div>
      {view.tone !== 'ok' && view.tone !== 'idle' && status?.state !== 'failed' && (
        <button type="button" className="button button-small" onClick={recheck} disabled={checking}>
          {checking ? t('status.checkingAgain') : t('status.checkAgain')}
        </button>
      )}
      {error && <ErrorNotice error={error} />}
    </section>
  )
}
