import { useId, useState, type FormEvent, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { SecretName, SecretsStatus } from '../../../../shared/domain/settings.ts'
import { api } from '../../ipc/client.ts'
import { ErrorNotice } from '../../ui/ErrorNotice.tsx'
import { useAction } from '../../ui/useAction.ts'
import { SettingsCard } from './SettingsCard.tsx'

/**
 * Each secret's words, whole sentences rather than one sentence with "token" or "key" put in, which
 * other languages could not inflect: its title, when it is needed (beside the title), the field's label,
 * what it is used for (the field adds where it is kept), and the buttons and notes.
 */
const WORDS = {
  ollamaToken: {
    title: 'secrets.ollamaToken.title',
    summary: 'secrets.ollamaToken.summary',
    label: 'secrets.ollamaToken.label',
    purpose: 'secrets.ollamaToken.purpose',
    placeholder: 'secrets.ollamaToken.placeholder',
    memoryOnly: 'secrets.ollamaToken.memoryOnly',
    save: 'secrets.ollamaToken.save',
    replace: 'secrets.ollamaToken.replace',
    remove: 'secrets.ollamaToken.remove',
    saved: 'secrets.ollamaToken.saved',
    removed: 'secrets.ollamaToken.removed',
  },
  anthropicKey: {
    title: 'secrets.anthropicKey.title',
    summary: 'secrets.anthropicKey.summary',
    label: 'secrets.anthropicKey.label',
    purpose: 'secrets.anthropicKey.purpose',
    placeholder: 'secrets.anthropicKey.placeholder',
    memoryOnly: 'secrets.anthropicKey.memoryOnly',
    save: 'secrets.anthropicKey.save',
    replace: 'secrets.anthropicKey.replace',
    remove: 'secrets.anthropicKey.remove',
    saved: 'secrets.anthropicKey.saved',
    removed: 'secrets.anthropicKey.removed',
  },
} as const satisfies Record<SecretName, Record<string, string>>

export interface SecretFieldProps {
  name: SecretName
  status: SecretsStatus | undefined
  onChanged(): void
  /** Shown instead of the input when the secret cannot be entered here (no keychain for an API key). */
  unavailable?: ReactNode
}

/** A write-only secret: the screen only learns whether one is set, never its value. */
export function SecretField({ name, status, onChanged, unavailable }: SecretFieldProps) {
  const { t } = useTranslation('settings')
  const words = WORDS[name]
  const title = t(words.title)
  const id = useId()
  const [value, setValue] = useState('')
  const [note, setNote] = useState('')
  const { run: runAction, error } = useAction()
  const isSet = status?.[name] === true

  const run = async (action: () => Promise<unknown>, done: string): Promise<void> => {
    setNote('')
    if (!(await runAction(action))) return
    setValue('')
    setNote(done)
    onChanged()
  }
  const save = (event: FormEvent): void => {
    event.preventDefault()
    void run(() => api.invoke('secrets:set', { name, value }), t(words.saved))
  }

  return (
    <SettingsCard title={title} description={t(words.summary)}>
      <form className="settings-card-form" onSubmit={save} aria-label={title}>
        {unavailable ?? (
          <div className="field">
            <label htmlFor={`${id}-input`}>{t(words.label)}</label>
            <input
              id={`${id}-input`}
              type="password"
              autoComplete="off"
              value={value}
              onChange={(e) => setValue(e.target.value)}
              placeholder={isSet ? t('secrets.setPlaceholder') : t(words.placeholder)}
              aria-describedby={`${id}-help`}
            />
            <p id={`${id}-help`} className="muted small">
              {t(words.purpose)} {status?.persistent === false ? t(words.memoryOnly) : t('secrets.keychain')}
            </p>
          </div>
        )}
        {error && <ErrorNotice error={error} />}
        <div className="form-actions">
          {!unavailable && (
            <button type="submit" className="button" disabled={!value.trim()}>
              {isSet ? t(words.replace) : t(words.save)}
            </button>
          )}
          {isSet && (
            <button
              type="button"
              className="button button-danger"
              onClick={() => void run(() => api.invoke('secrets:clear', { name }), t(words.removed))}
            >
              {t(words.remove)}
            </button>
          )}
          {note && (
            <span role="status" className="muted">
              {note}
            </span>
          )}
        </div>
      </form>
    </SettingsCard>
  )
}
