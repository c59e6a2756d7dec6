import { useTranslation } from 'react-i18next'
import type { OllamaStatus } from '../../../shared/domain/ollamaStatus.ts'
import { api } from '../ipc/client.ts'
import { useLiveValue } from '../ipc/hooks.ts'
import { ErrorNotice, ErrorText } from './ErrorNotice.tsx'
import { ManagedInstall } from './ManagedInstall.tsx'
import { useAction } from './useAction.ts'

type Failed = Extract<OllamaStatus, { state: 'failed' }>

function GaveUp({ status }: { status: Failed }) {
  const { t } = useTranslation('shell')
  const { run, busy, error } = useAction()
  const port = status.suggestedPort
  return (
    <section className="notice notice-error setup" aria-label={t('failed.region')}>
      <ErrorText error={status.error} />
      <div className="setup-actions">
        <button
          type="button"
          className="button button-primary"
          disabled={busy}
          onClick={() => void run(() => api.invoke('ollama:retry', {}))}
        >
          {busy ? t('failed.working') : t('failed.retry')}
        </button>
        {port !== undefined && (
          <button type="button" className="button" disabled={busy} onClick={() => void run(() => api.invoke('ollama:usePort', { port }))}>
            {t('failed.usePort', { port })}
          </button>
        )}
      </div>
      {status.logTail.length > 0 && (
        <details className="setup-log">
          <summary>{t('failed.log')}</summary>
          <pre className="code-block">{status.logTail.join('\n')}</pre>
        </details>
      )}
      {error && <ErrorNotice error={error} />}
    </section>
  )
}

/** What to do when the app cannot get a local Ollama going: shown above every screen until it runs. */
export function OllamaSetupBanner() {
  const status = useLiveValue('ollama:status')
  if (status?.state === 'failed') return <GaveUp status={status} />
  if (status?.state === 'not-installed') return <ManagedInstall instruction={status.instruction} />
  return null
}
