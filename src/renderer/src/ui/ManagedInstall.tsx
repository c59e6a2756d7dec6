import { Trans, useTranslation } from 'react-i18next'
import { api } from '../ipc/client.ts'
import { useInvoke, useLiveValue } from '../ipc/hooks.ts'
import { ErrorNotice } from './ErrorNotice.tsx'
import { InlineCode } from './InlineCode.tsx'
import { useAction } from './useAction.ts'

const PHASES = {
  checksum: 'install.phase.checksum',
  downloading: 'install.phase.downloading',
  verifying: 'install.phase.verifying',
  unpacking: 'install.phase.unpacking',
  done: 'install.phase.done',
} as const

/** Ollama is missing: how to install it by hand, or one click to let the app fetch the official release. */
export function ManagedInstall({ instruction }: { instruction: string | undefined }) {
  const { t } = useTranslation('shell')
  const job = useLiveValue('ollama:installState')
  const info = useInvoke('app:info', {})
  const action = useAction()
  const error = action.error
  const run = (channel: 'ollama:install' | 'ollama:installCancel' | 'ollama:recheck'): void => {
    void action.run(() => api.invoke(channel, {}))
  }
  const progress = job?.progress
  const running = job?.state === 'running'
  return (
    <section className="notice notice-warn setup" aria-labelledby="setup-title">
      <p className="notice-title" id="setup-title">
        {t('install.title')}
      </p>
      <p>
        {t('install.intro')} <InlineCode text={instruction ?? t('install.instruction')} />{' '}
        {info.data ? (
          <Trans t={t} i18nKey="install.offerInFolder" values={{ folder: info.data.dataDir }} components={{ code: <code /> }} />
        ) : (
          t('install.offer')
        )}
      </p>
      {running && progress && (
        <div className="setup-progress">
          <progress
            max={progress.totalBytes ?? 100}
            value={progress.totalBytes ? progress.receivedBytes : undefined}
            aria-label={t('install.progressLabel')}
            className="pull-bar"
          />
          <span className="muted small" data-testid="install-status">
            {[
              t(PHASES[progress.phase]),
              ...(progress.phase === 'downloading' && progress.totalBytes
                ? [
                    t('install.received', { received: progress.receivedBytes, total: progress.totalBytes }),
                    ...(progress.bytesPerSecond ? [t('install.speed', { speed: progress.bytesPerSecond })] : []),
                  ]
                : []),
            ].join(' · ')}
          </span>
        </div>
      )}
      {job?.state === 'cancelled' && <p className="muted small">{t('install.cancelled')}</p>}
      {job?.state === 'failed' && job.error && <ErrorNotice error={job.error} />}
      {error && <ErrorNotice error={error} />}
      <div className="setup-actions">
        {running ? (
          <button type="button" className="button" onClick={() => run('ollama:installCancel')}>
            {t('install.cancel')}
          </button>
        ) : (
          <button type="button" className="button button-primary" onClick={() => run('ollama:install')}>
            {job?.state === 'failed' ? t('install.again') : t('install.start')}
          </button>
        )}
        <button type="button" className="button" onClick={() => run('ollama:recheck')} disabled={running}>
          {t('install.recheck')}
        </button>
      </div>
    </section>
  )
}
