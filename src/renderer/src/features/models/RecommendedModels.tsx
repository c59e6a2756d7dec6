import { useTranslation } from 'react-i18next'
import { RECOMMENDED_MODELS } from '../../../../shared/domain/models.ts'
import { isActivePull, type PullJob } from '../../../../shared/domain/pull.ts'
import { api } from '../../ipc/client.ts'
import { ErrorNotice } from '../../ui/ErrorNotice.tsx'
import { formatBytes } from '../../i18n/format.ts'
import { useAction } from '../../ui/useAction.ts'
import { KindBadge } from './KindBadge.tsx'

/** A short, opinionated list for people who do not know the tags, each one click away. */
export function RecommendedModels({ installed, pulls }: { installed: readonly string[]; pulls: readonly PullJob[] }) {
  const { t } = useTranslation('models')
  const { run, error } = useAction()
  return (
    <section aria-labelledby="recommended-title">
      <h2 id="recommended-title">{t('recommended.title')}</h2>
      {error && <ErrorNotice error={error} />}
      <ul className="cards">
        {RECOMMENDED_MODELS.map((m, index) => {
          const busy = pulls.some((p) => p.model === m.name && isActivePull(p))
          const have = installed.includes(m.name)
          return (
            <li key={m.name} className="card">
              <div className="card-head">
                <strong>{m.name}</strong>
                <KindBadge kind={m.kind} />
                {index === 0 && <span className="badge">{t('defaultBadge')}</span>}
              </div>
              <p className="muted small">
                {formatBytes(m.sizeBytes)} · {m.why}
              </p>
              {have ? (
                <span className="small ok-text">{t('recommended.installed')}</span>
              ) : (
                <button
                  type="button"
                  className={`button button-small${index === 0 ? ' button-primary' : ''}`}
                  aria-label={busy ? t('recommended.pullingLabel', { model: m.name }) : t('recommended.pullLabel', { model: m.name })}
                  disabled={busy}
                  onClick={() => void run(() => api.invoke('models:pull', { model: m.name }))}
                >
                  {busy ? t('recommended.pulling') : t('recommended.pull')}
                </button>
              )}
            </li>
          )
        })}
      </ul>
    </section>
  )
}
