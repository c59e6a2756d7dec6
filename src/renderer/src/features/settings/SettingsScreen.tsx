import { useId, useState, type FormEvent } from 'react'
import type { Settings } from '../../../../shared/domain/settings.ts'
import type { ErrorInfo } from '../../../../shared/ipc/errors.ts'
import { api, errorInfoOf } from '../../ipc/client.ts'
import { useInvoke } from '../../ipc/hooks.ts'
import { ErrorNotice } from '../../ui/ErrorNotice.tsx'
import { ScreenHeader } from '../../ui/ScreenHeader.tsx'

function SettingsForm({ initial }: { initial: Settings }) {
  const [host, setHost] = useState(initial.ollamaHost)
  const [model, setModel] = useState(initial.defaultModel)
  const [error, setError] = useState<ErrorInfo>()
  const [saved, setSaved] = useState(false)
  const hostId = useId()
  const modelId = useId()

  const save = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    setSaved(false)
    setError(undefined)
    try {
      await api.invoke('settings:update', { ollamaHost: host, defaultModel: model })
      setSaved(true)
    } catch (failure) {
      setError(errorInfoOf(failure))
    }
  }

  return (
    <form className="form" onSubmit={(e) => void save(e)}>
      <div className="field">
        <label htmlFor={hostId}>Ollama address</label>
        <input
          id={hostId}
          value={host}
          onChange={(e) => setHost(e.target.value)}
          placeholder="127.0.0.1:11434"
          spellCheck={false}
          aria-describedby={`${hostId}-help`}
        />
        <p id={`${hostId}-help`} className="muted small">
          Leave empty to use OLLAMA_HOST or 127.0.0.1:11434. A remote server works too.
        </p>
      </div>
      <div className="field">
        <label htmlFor={modelId}>Default model</label>
        <input id={modelId} value={model} onChange={(e) => setModel(e.target.value)} spellCheck={false} required />
      </div>
      {error && <ErrorNotice error={error} />}
      <div className="form-actions">
        <button type="submit" className="button button-primary">
          Save settings
        </button>
        {saved && (
          <span role="status" className="muted">
            Saved.
          </span>
        )}
      </div>
    </form>
  )
}

export function SettingsScreen() {
  const settings = useInvoke('settings:get', {})
  const info = useInvoke('app:info', {})
  return (
    <div className="screen">
      <ScreenHeader title="Settings" description="Where Instruct Desk finds Ollama and which model it uses." />
      {settings.error && <ErrorNotice error={settings.error} onRetry={settings.reload} />}
      {settings.data && <SettingsForm key={settings.receivedAt} initial={settings.data} />}
      {info.data && (
        <dl className="facts">
          <dt>Version</dt>
          <dd>{info.data.version}</dd>
          <dt>Data folder</dt>
          <dd>
            <code>{info.data.dataDir}</code>
          </dd>
          <dt>Running as</dt>
          <dd>
            {info.data.host === 'electron' ? 'Desktop app' : 'Web preview'} on {info.data.platform}
          </dd>
        </dl>
      )}
    </div>
  )
}
