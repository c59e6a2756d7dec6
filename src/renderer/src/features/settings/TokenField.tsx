import { useState, type FormEvent } from 'react'
import { api } from '../../ipc/client.ts'
import { useInvoke } from '../../ipc/hooks.ts'
import { ErrorNotice } from '../../ui/ErrorNotice.tsx'
import { useAction } from '../../ui/useAction.ts'

/** The bearer token for a remote server: write-only; the screen only learns whether one is set. */
export function TokenField() {
  const status = useInvoke('secrets:status', {})
  const [value, setValue] = useState('')
  const [note, setNote] = useState('')
  const { run: runAction, error } = useAction()

  const run = async (action: () => Promise<unknown>, done: string): Promise<void> => {
    setNote('')
    if (!(await runAction(action))) return
    setValue('')
    setNote(done)
    status.reload()
  }
  const save = (event: FormEvent): void => {
    event.preventDefault()
    void run(() => api.invoke('secrets:set', { name: 'ollamaToken', value }), 'Token saved.')
  }
  const isSet = status.data?.ollamaToken === true

  return (
    <form className="form" onSubmit={save} aria-labelledby="token-title">
      <h2 id="token-title">Access token</h2>
      <div className="field">
        <label htmlFor="ollama-token">Bearer token for the Ollama server</label>
        <input
          id="ollama-token"
          type="password"
          autoComplete="off"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          placeholder={isSet ? '•••••••• (set — type to replace)' : 'Only if your server or proxy asks for one'}
          aria-describedby="ollama-token-help"
        />
        <p id="ollama-token-help" className="muted small">
          Sent as “Authorization: Bearer …” with every request to Ollama.{' '}
          {status.data?.persistent === false
            ? 'No system keychain is available here, so the token is kept only until Instruct Desk closes — never written to disk.'
            : 'Stored encrypted with your system keychain; it is never shown again.'}
        </p>
      </div>
      {error && <ErrorNotice error={error} />}
      <div className="form-actions">
        <button type="submit" className="button" disabled={!value.trim()}>
          {isSet ? 'Replace token' : 'Save token'}
        </button>
        {isSet && (
          <button
            type="button"
            className="button button-danger"
            onClick={() => void run(() => api.invoke('secrets:clear', { name: 'ollamaToken' }), 'Token removed.')}
          >
            Remove token
          </button>
        )}
        {note && (
          <span role="status" className="muted">
            {note}
          </span>
        )}
      </div>
    </form>
  )
}
