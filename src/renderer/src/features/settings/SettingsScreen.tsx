import { useState, type FormEvent, type InputHTMLAttributes } from 'react'
import type { Settings } from '../../../../shared/domain/settings.ts'
import type { ErrorInfo } from '../../../../shared/ipc/errors.ts'
import { api, errorInfoOf } from '../../ipc/client.ts'
import { useInvoke } from '../../ipc/hooks.ts'
import { ErrorNotice } from '../../ui/ErrorNotice.tsx'
import { ScreenHeader } from '../../ui/ScreenHeader.tsx'
import { DiagnosticsButton } from './DiagnosticsButton.tsx'
import { Field } from './Field.tsx'
import { headersToText, textToHeaders } from './headersText.ts'
import { SecretField } from './SecretField.tsx'

/** Number settings edited as text, so a half-typed value can be corrected beside its field rather than lost. */
const NUMBER_KEYS = ['contextLength', 'maxDocumentMb', 'jsonAttempts', 'jsonTimeLimitSeconds'] as const
type NumberKey = (typeof NUMBER_KEYS)[number]
type Draft = Omit<Settings, 'ollamaHeaders' | NumberKey> & { headers: string } & Record<NumberKey, string>
type TextKey = 'ollamaHost' | 'ollamaExecutable' | 'modelsDir' | 'keepAlive' | 'defaultModel' | NumberKey

const LENGTHS: { value: Settings['summaryLength']; label: string }[] = [
  { value: 'sentence', label: 'A sentence' },
  { value: 'paragraph', label: 'A paragraph' },
  { value: 'bullets', label: 'Bullet points' },
  { value: 'detailed', label: 'Detailed' },
]

function SettingsForm({ initial }: { initial: Settings }) {
  const [draft, setDraft] = useState<Draft>({
    ...initial,
    headers: headersToText(initial.ollamaHeaders),
    ...(Object.fromEntries(NUMBER_KEYS.map((key) => [key, String(initial[key])])) as Record<NumberKey, string>),
  })
  const [error, setError] = useState<ErrorInfo>()
  const [saved, setSaved] = useState(false)
  const edit = (patch: Partial<Draft>): void => {
    setSaved(false)
    setDraft((d) => ({ ...d, ...patch }))
  }
  const fields = error?.fields ?? {}

  const save = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    setSaved(false)
    setError(undefined)
    const parsedHeaders = textToHeaders(draft.headers)
    const numbers = Object.fromEntries(NUMBER_KEYS.map((key) => [key, Number(draft[key] || '0')])) as Record<NumberKey, number>
    const local: Record<string, string> = {}
    if ('error' in parsedHeaders) local.ollamaHeaders = parsedHeaders.error
    for (const key of NUMBER_KEYS) if (!Number.isInteger(numbers[key])) local[key] = 'a whole number'
    if ('error' in parsedHeaders || Object.keys(local).length > 0) {
      setError({ code: 'SETTINGS_INVALID', message: 'Some settings need fixing.', fields: local })
      return
    }
    const { headers: _text, ...rest } = draft
    try {
      await api.invoke('settings:update', { ...rest, ...numbers, ollamaHeaders: parsedHeaders.headers })
      setSaved(true)
    } catch (failure) {
      setError(errorInfoOf(failure))
    }
  }

  const text = (key: TextKey, label: string, help?: string, extra: InputHTMLAttributes<HTMLInputElement> = {}) => (
    <Field label={label} help={help} error={fields[key]}>
      {(props) => <input {...props} {...extra} value={draft[key]} onChange={(e) => edit({ [key]: e.target.value })} spellCheck={false} />}
    </Field>
  )

  return (
    <form className="form" onSubmit={(e) => void save(e)} noValidate>
      <h2>Ollama server</h2>
      {text('ollamaHost', 'Ollama address', 'Leave empty to use OLLAMA_HOST or 127.0.0.1:11434. A remote server works too.', {
        placeholder: '127.0.0.1:11434',
      })}
      <Field
        label="Extra request headers"
        error={fields.ollamaHeaders}
        help="One “Name: value” per line, for a proxy in front of a remote server. Put access tokens in the field below instead."
      >
        {(props) => (
          <textarea {...props} rows={2} value={draft.headers} onChange={(e) => edit({ headers: e.target.value })} spellCheck={false} />
        )}
      </Field>

      <h2>Running Ollama on this computer</h2>
      <label className="check">
        <input type="checkbox" checked={draft.manageOllama} onChange={(e) => edit({ manageOllama: e.target.checked })} />
        Start Ollama when it is not running, restart it if it stops, and stop it when Instruct Desk quits
      </label>
      {text('ollamaExecutable', 'Ollama program', 'Leave empty to find it on PATH or where the installers put it.')}
      {text(
        'modelsDir',
        'Models folder',
        'Where a server started by Instruct Desk keeps models. Empty: Ollama’s default (~/.ollama/models).',
      )}
      <div className="field-row">
        {text('keepAlive', 'Keep models loaded for', 'e.g. 5m, 1h; 0 unloads at once, -1 keeps them loaded. Empty: 5 minutes.')}
        {text('contextLength', 'Default context window (tokens)', '0 lets Ollama choose. Chats set their own window anyway.', {
          inputMode: 'numeric',
        })}
      </div>

      <h2>Models</h2>
      {text('defaultModel', 'Default model', undefined, { required: true })}

      <h2>Documents and JSON</h2>
      <div className="field-row">
        {text('maxDocumentMb', 'Largest document (MB)', 'Bigger files are refused before they are read.', { inputMode: 'numeric' })}
        <Field label="Summary length for new jobs" error={fields.summaryLength}>
          {(props) => (
            <select
              {...props}
              value={draft.summaryLength}
              onChange={(e) => edit({ summaryLength: e.target.value as Settings['summaryLength'] })}
            >
              {LENGTHS.map((l) => (
                <option key={l.value} value={l.value}>
                  {l.label}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div className="field-row">
        {text('jsonAttempts', 'Local model attempts per JSON input', 'How many times the model may try to make a text valid (1–5).', {
          inputMode: 'numeric',
        })}
        {text(
          'jsonTimeLimitSeconds',
          'Time limit without a model (seconds)',
          'For parsing and repairing one text; very large inputs stop here.',
          {
            inputMode: 'numeric',
          },
        )}
      </div>
      {error && <ErrorNotice error={error.fields ? { ...error, message: 'Some settings need fixing; see the marked fields.' } : error} />}
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
  const secrets = useInvoke('secrets:status', {})
  return (
    <div className="screen">
      <ScreenHeader title="Settings" description="Where Instruct Desk finds Ollama, how it runs it, and which model it uses." />
      {settings.error && <ErrorNotice error={settings.error} onRetry={settings.reload} />}
      {settings.data && <SettingsForm key={settings.receivedAt} initial={settings.data} />}
      <SecretField
        name="ollamaToken"
        title="Access token"
        label="Bearer token for the Ollama server"
        purpose="Sent as “Authorization: Bearer …” with every request to Ollama."
        placeholder="Only if your server or proxy asks for one"
        noun="token"
        status={secrets.data}
        onChanged={secrets.reload}
      />
      <SecretField
        name="anthropicKey"
        title="Claude (optional)"
        label="Anthropic API key"
        purpose="Used only when you choose a Claude step on the JSON screen; everything else works without it."
        placeholder="sk-ant-…"
        noun="key"
        status={secrets.data}
        onChanged={secrets.reload}
        unavailable={
          secrets.data?.persistent === false ? (
            <p className="muted">
              {secrets.data.anthropicKeyFromEnvironment
                ? 'Using the key from the ANTHROPIC_API_KEY environment variable.'
                : 'Outside the desktop app the key is read only from the ANTHROPIC_API_KEY environment variable; set it before starting Instruct Desk.'}
            </p>
          ) : undefined
        }
      />
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
      <DiagnosticsButton />
    </div>
  )
}
