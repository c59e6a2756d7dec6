import { useId, useState, type FormEvent, type ReactNode } from 'react'
import type { SecretName, SecretsStatus } from '../../../../shared/domain/settings.ts'
import { api } from '../../ipc/client.ts'
import { ErrorNotice } from '../../ui/ErrorNotice.tsx'
import { useAction } from '../../ui/useAction.ts'
import { SettingsCard } from './SettingsCard.tsx'

export interface SecretFieldProps {
  name: SecretName
  title: string
  /** Beside the title: when it is needed. */
  summary: string
  label: string
  /** What it is used for; the field adds where it is kept. */
  purpose: ReactNode
  placeholder: string
  /** "token", "key": the word the buttons and notes use. */
  noun: string
  status: SecretsStatus | undefined
  onChanged(): void
  /** Shown instead of the input when the secret cannot be entered here (no keychain for an API key). */
  unavailable?: ReactNode
}

/** A write-only secret: the screen only learns whether one is set, never its value. */
export function SecretField({ name, title, summary, label, purpose, placeholder, noun, status, onChanged, unavailable }: SecretFieldProps) {
  const id = useId()
  const [value, setValue] = useState('')
  const [note, setNote] = useState('')
  const { run: runAction, error } = useAction()
  const isSet = status?.[name] === true
  const capitalized = noun.charAt(0).toUpperCase() + noun.slice(1)

  const run = async (action: () => Promise<unknown>, done: string): Promise<void> => {
    setNote('')
    if (!(await runAction(action))) return
    setValue('')
    setNote(done)
    onChanged()
  }
  const save = (event: FormEvent): void => {
    event.preventDefault()
    void run(() => api.invoke('secrets:set', { name, value }), `${capitalized} saved.`)
  }

  return (
    <SettingsCard title={title} description={summary}>
      <form className="settings-card-form" onSubmit={save} aria-label={title}>
        {unavailable ?? (
          <div className="field">
            <label htmlFor={`${id}-input`}>{label}</label>
            <input
              id={`${id}-input`}
              type="password"
              autoComplete="off"
              value={value}
              onChange={(e) => setValue(e.target.value)}
              placeholder={isSet ? `•••••••• (set — type to replace)` : placeholder}
              aria-describedby={`${id}-help`}
            />
            <p id={`${id}-help`} className="muted small">
              {purpose}{' '}
              {status?.persistent === false
                ? `No system keychain is available here, so the ${noun} is kept only until Instruct Desk closes — never written to disk.`
                : `Stored encrypted with your system keychain; it is never shown again.`}
            </p>
          </div>
        )}
        {error && <ErrorNotice error={error} />}
        <div className="form-actions">
          {!unavailable && (
            <button type="submit" className="button" disabled={!value.trim()}>
              {isSet ? `Replace ${noun}` : `Save ${noun}`}
            </button>
          )}
          {isSet && (
            <button
              type="button"
              className="button button-danger"
              onClick={() => void run(() => api.invoke('secrets:clear', { name }), `${capitalized} removed.`)}
            >
              Remove {noun}
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
