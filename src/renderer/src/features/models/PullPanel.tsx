import { useId, useState, type FormEvent } from 'react'
import { Trans, useTranslation } from 'react-i18next'
import { DEFAULT_MODEL } from '../../../../shared/domain/models.ts'
import type { PullJob } from '../../../../shared/domain/pull.ts'
import { api } from '../../ipc/client.ts'
import { ErrorNotice } from '../../ui/ErrorNotice.tsx'
import { useAction } from '../../ui/useAction.ts'
import { PullRow } from './PullRow.tsx'

/** Pull any model by name (the default one pre-filled) and follow every pull main is running. */
export function PullPanel({ pulls, onDismiss }: { pulls: PullJob[]; onDismiss: (model: string) => void }) {
  const { t } = useTranslation('models')
  const [name, setName] = useState(DEFAULT_MODEL)
  const { run, error } = useAction()
  const nameId = useId()

  const start = (event: FormEvent): void => {
    event.preventDefault()
    void run(() => api.invoke('models:pull', { model: name }))
  }

  return (
    <section className="pull-panel" aria-labelledby={`${nameId}-title`}>
      <h2 id={`${nameId}-title`}>{t('pull.title')}</h2>
      <form className="pull-form" onSubmit={start}>
        <label htmlFor={nameId} className="visually-hidden">
          {t('pull.nameLabel')}
        </label>
        <input id={nameId} value={name} onChange={(e) => setName(e.target.value)} spellCheck={false} />
        <button type="submit" className="button button-primary" disabled={!name.trim()}>
          {t('pull.submit')}
        </button>
      </form>
      <p className="muted small">
        <Trans t={t} i18nKey="pull.help" components={{ code: <code /> }} />
      </p>
      {error && <ErrorNotice error={error} />}
      {pulls.length > 0 && (
        <ul className="pulls" aria-label={t('pull.list')}>
          {pulls.map((job) => (
            <PullRow key={job.model} job={job} onDismiss={onDismiss} />
          ))}
        </ul>
      )}
    </section>
  )
}
