import { useEffect, useRef, useState, type FormEvent, type InputHTMLAttributes, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { DEFAULT_NUM_CTX } from '../../../../shared/domain/chat.ts'
import type { Settings } from '../../../../shared/domain/settings.ts'
import type { ErrorInfo } from '../../../../shared/ipc/errors.ts'
import { api, errorInfoOf } from '../../ipc/client.ts'
import { ErrorNotice } from '../../ui/ErrorNotice.tsx'
import { Field } from './Field.tsx'
import { SettingsCard } from './SettingsCard.tsx'
import { SETTING_LABELS } from './settingLabels.ts'
import { draftOf, patchOf, type Draft, type DraftKey } from './settingsDraft.ts'

const LENGTHS = [
  { value: 'sentence', label: 'form.lengths.sentence' },
  { value: 'paragraph', label: 'form.lengths.paragraph' },
  { value: 'bullets', label: 'form.lengths.bullets' },
  { value: 'detailed', label: 'form.lengths.detailed' },
] as const satisfies { value: Settings['summaryLength']; label: string }[]

/** Everything saved with one button; each value main refuses is explained beside its field. `readOnly`: why saving is off. */
export function SettingsForm({ initial, readOnly }: { initial: Settings; readOnly?: string | undefined }) {
  const { t } = useTranslation('settings')
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
      setError({ code: 'SETTINGS_INVALID', message: t('form.needsFixing'), fields: change.fields })
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
    <Field label={t(SETTING_LABELS[key])} help={help} error={fields[key]}>
      {(props) => (
        <input {...props} {...extra} value={draft.text[key]} onChange={(e) => editText(key, e.target.value)} spellCheck={false} />
      )}
    </Field>
  )
  const numeric = { inputMode: 'numeric' } as const
  const decimal = { inputMode: 'decimal' } as const

  return (
    <form ref={form} className="settings-form" onSubmit={(e) => void save(e)} noValidate aria-label={t('form.label')}>
      <SettingsCard title={t('server.title')} description={t('server.description')}>
        {text('ollamaHost', t('server.hostHelp'), {
          placeholder: '127.0.0.1:11434',
        })}
        <Field label={t(SETTING_LABELS.ollamaHeaders)} error={fields.ollamaHeaders} help={t('server.headersHelp')}>
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

      <SettingsCard title={t('local.title')} description={t('local.description')}>
        <label className="check">
          <input type="checkbox" checked={draft.manageOllama} onChange={(e) => edit({ manageOllama: e.target.checked })} />
          {t('local.manage')}
        </label>
        {text('ollamaExecutable', t('local.executableHelp'))}
        {text('modelsDir', t('local.modelsDirHelp'))}
        <div className="field-row">
          {text('keepAlive', t('local.keepAliveHelp'))}
          {text('contextLength', t('local.contextHelp'), numeric)}
        </div>
      </SettingsCard>

      <SettingsCard title={t('chats.title')} description={t('chats.description')}>
        {text('defaultModel', undefined, { required: true })}
        <div className="field-row three">
          {text('chatDefaults.temperature', t('chats.temperatureHelp'), { ...decimal, placeholder: t('chats.modelDefault') })}
          {text('chatDefaults.top_p', t('chats.topPHelp'), { ...decimal, placeholder: t('chats.modelDefault') })}
          {text('chatDefaults.seed', t('chats.seedHelp'), { ...numeric, placeholder: t('chats.random') })}
          {text('chatDefaults.num_ctx', t('chats.numCtxHelp'), { ...numeric, placeholder: String(DEFAULT_NUM_CTX) })}
          {text('chatDefaults.num_predict', t('chats.numPredictHelp'), { ...numeric, placeholder: t('chats.noLimit') })}
          {text('chatDefaults.keep_alive', t('chats.keepAliveHelp'), { placeholder: t('chats.serverDefault') })}
        </div>
      </SettingsCard>

      <SettingsCard title={t('documents.title')} description={t('documents.description')}>
        <div className="field-row">
          {text('maxDocumentMb', t('documents.maxDocumentHelp'), numeric)}
          <Field label={t(SETTING_LABELS.summaryLength)} error={fields.summaryLength}>
            {(props) => (
              <select
                {...props}
                value={draft.summaryLength}
                onChange={(e) => edit({ summaryLength: e.target.value as Settings['summaryLength'] })}
              >
                {LENGTHS.map((l) => (
                  <option key={l.value} value={l.value}>
                    {t(l.label)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        {text('summaryLanguage', t('documents.languageHelp'), { placeholder: t('documents.languagePlaceholder') })}
        <div className="field-row three">
          {text('jsonAttempts', t('documents.attemptsHelp', { min: 1, max: 5 }), numeric)}
          {text('jsonTimeLimitSeconds', t('documents.timeLimitHelp'), numeric)}
          {text('jsonMaxDepth', t('documents.depthHelp', { min: 16, max: 10_000 }), numeric)}
        </div>
      </SettingsCard>

      {error && <ErrorNotice error={error.fields ? { ...error, message: t('form.seeFields') } : error} />}
      <div className="settings-savebar" data-pinned={dirty}>
        <button type="submit" className="button button-primary" disabled={busy || readOnly !== undefined}>
          {t('form.save')}
        </button>
        <span role="status" className="muted">
          {readOnly ?? (justSaved ? t('form.saved') : dirty ? t('form.unsaved') : '')}
        </span>
      </div>
    </form>
  )
}
