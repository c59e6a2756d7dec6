import { useEffect, useRef, useState, type FormEvent, type InputHTMLAttributes, type ReactNode } from 'react'
import { DEFAULT_NUM_CTX } from '../../../../shared/domain/chat.ts'
import type { Settings } from '../../../../shared/domain/settings.ts'
import type { ErrorInfo } from '../../../../shared/ipc/errors.ts'
import { api, errorInfoOf } from '../../ipc/client.ts'
import { ErrorNotice } from '../../ui/ErrorNotice.tsx'
import { Field } from './Field.tsx'
import { SettingsCard } from './SettingsCard.tsx'
import { SETTING_LABELS } from './settingLabels.ts'
import { draftOf, patchOf, type Draft, type DraftKey } from './settingsDraft.ts'

const LENGTHS: { value: Settings['summaryLength']; label: string }[] = [
  { value: 'sentence', label: 'A sentence' },
  { value: 'paragraph', label: 'A paragraph' },
  { value: 'bullets', label: 'Bullet points' },
  { value: 'detailed', label: 'Detailed' },
]

/** Everything saved with one button; each value main refuses is explained beside its field. `readOnly`: why saving is off. */
export function SettingsForm({ initial, readOnly }: { initial: Settings; readOnly?: string | undefined }) {
  const [saved, setSaved] = useState(initial)
  const [draft, setDraft] = useState<Draft>(() => draftOf(initial))
  const [error, setError] = useState<ErrorInfo>()
  const [justSaved, setJustSaved] = useState(false)
  const [busy, setBusy] = useState(false)
  const edit = (patch: Partial<Draft>): void => {
    setJustSaved(false)
    setDraft((d) => ({ ...d, ...patch }))
  }
  const editText = (key: DraftKey, value: string): void => edit({ text: { ...draft.text, [key]: value } })
  const fields = error?.fields ?? {}
  const form = useRef<HTMLFormElement>(null)
  // A refused save takes the keyboard (and the eye) to the first field to fix.
  useEffect(() => {
    if (error?.fields) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()
  }, [error])
  const dirty = JSON.stringify(draft) !== JSON.stringify(draftOf(saved))

  const save = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    setJustSaved(false)
    setError(undefined)
    const change = patchOf(draft, saved)
    if ('fields' in change) {
      setError({ code: 'SETTINGS_INVALID', message: 'Some settings need fixing.', fields: change.fields })
      return
    }
    setBusy(true)
    try {
      const next = await api.invoke('settings:update', change.patch)
      setSaved(next)
      setDraft(draftOf(next))
      setJustSaved(true)
    } catch (failure) {
      setError(errorInfoOf(failure))
    } finally {
      setBusy(false)
    }
  }

  const text = (key: DraftKey, help?: ReactNode, extra: InputHTMLAttributes<HTMLInputElement> = {}) => (
    <Field label={SETTING_LABELS[key] ?? key} help={help} error={fields[key]}>
      {(props) => (
        <input {...props} {...extra} value={draft.text[key]} onChange={(e) => editText(key, e.target.value)} spellCheck={false} />
      )}
    </Field>
  )
  const numeric = { inputMode: 'numeric' } as const
  const decimal = { inputMode: 'decimal' } as const

  return (
    <form ref={form} className="settings-form" onSubmit={(e) => void save(e)} noValidate aria-label="Settings">
      <SettingsCard title="Ollama server" description="Where Instruct Desk sends every request, and what it adds to them.">
        {text('ollamaHost', 'Leave empty to use OLLAMA_HOST or 127.0.0.1:11434. A remote server works too.', {
          placeholder: '127.0.0.1:11434',
        })}
        <Field
          label={SETTING_LABELS.ollamaHeaders ?? ''}
          error={fields.ollamaHeaders}
          help="One “Name: value” per line, for a proxy in front of a remote server. Put access tokens in the field below instead."
        >
          {(props) => (
            <textarea
              {...props}
              rows={2}
              value={draft.text.ollamaHeaders}
              onChange={(e) => editText('ollamaHeaders', e.target.value)}
              spellCheck={false}
            />
          )}
        </Field>
      </SettingsCard>

      <SettingsCard title="Running Ollama on this computer" description="For a server on this computer that Instruct Desk starts itself.">
        <label className="check">
          <input type="checkbox" checked={draft.manageOllama} onChange={(e) => edit({ manageOllama: e.target.checked })} />
          Start Ollama when it is not running, restart it if it stops, and stop it when Instruct Desk quits
        </label>
        {text('ollamaExecutable', 'Leave empty to find it on PATH or where the installers put it.')}
        {text('modelsDir', 'Where a server started by Instruct Desk keeps models. Empty: Ollama’s default (~/.ollama/models).')}
        <div className="field-row">
          {text('keepAlive', 'e.g. 5m, 1h; 0 unloads at once, -1 keeps them loaded. Empty: 5 minutes.')}
          {text('contextLength', '0 lets Ollama choose. Chats send their own window (below).', numeric)}
        </div>
      </SettingsCard>

      <SettingsCard
        title="New chats"
        description="What a new chat starts with; each chat can change its own in its options. Empty: the model’s default."
      >
        {text('defaultModel', undefined, { required: true })}
        <div className="field-row three">
          {text('chatDefaults.temperature', '0 = the same answer every time; 0.7 = varied.', { ...decimal, placeholder: 'model default' })}
          {text('chatDefaults.top_p', 'Only the likeliest words, up to this share.', { ...decimal, placeholder: 'model default' })}
          {text('chatDefaults.seed', 'A fixed number makes replies repeatable.', { ...numeric, placeholder: 'random' })}
          {text('chatDefaults.num_ctx', 'How much of the chat the model sees.', { ...numeric, placeholder: String(DEFAULT_NUM_CTX) })}
          {text('chatDefaults.num_predict', 'The longest reply. Empty: no limit.', { ...numeric, placeholder: 'no limit' })}
          {text('chatDefaults.keep_alive', 'After a reply, e.g. 10m or -1.', { placeholder: 'server default' })}
        </div>
      </SettingsCard>

      <SettingsCard title="Documents and JSON" description="Limits and starting choices for summaries and JSON repairs.">
        <div className="field-row">
          {text('maxDocumentMb', 'Bigger files are refused before they are read.', numeric)}
          <Field label={SETTING_LABELS.summaryLength ?? ''} error={fields.summaryLength}>
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
        {text('summaryLanguage', 'The language new summaries are written in, e.g. French. Empty: each document’s own.', {
          placeholder: 'the document’s language',
        })}
        <div className="field-row three">
          {text('jsonAttempts', 'How many times the model may try to make a text valid (1–5).', numeric)}
          {text('jsonTimeLimitSeconds', 'For parsing and repairing one text; very large inputs stop here.', numeric)}
          {text('jsonMaxDepth', 'Levels of objects and arrays in an input, schema or result (16–10,000).', numeric)}
        </div>
      </SettingsCard>

      {error && <ErrorNotice error={error.fields ? { ...error, message: 'Some settings need fixing; see the marked fields.' } : error} />}
      <div className="settings-savebar" data-pinned={dirty}>
        <button type="submit" className="button button-primary" disabled={busy || readOnly !== undefined}>
          Save settings
        </button>
        <span role="status" className="muted">
          {readOnly ?? (justSaved ? 'Saved.' : dirty ? 'Unsaved changes' : '')}
        </span>
      </div>
    </form>
  )
}
