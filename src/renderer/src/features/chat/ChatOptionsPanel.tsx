import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { DEFAULT_NUM_CTX, type ChatOptions } from '../../../../shared/domain/chat.ts'
import type { Conversation } from '../../../../shared/domain/conversation.ts'
import { ErrorNotice } from '../../ui/ErrorNotice.tsx'
import { useAction } from '../../ui/useAction.ts'

type NumberKey = 'temperature' | 'top_p' | 'seed' | 'num_ctx' | 'num_predict'

const NUMBER_FIELDS = [
  { key: 'temperature', label: 'options.temperature', help: 'options.temperatureHelp', step: '0.1' },
  { key: 'top_p', label: 'options.topP', help: 'options.topPHelp', step: '0.05' },
  { key: 'seed', label: 'options.seed', help: 'options.seedHelp', step: '1' },
  { key: 'num_ctx', label: 'options.numCtx', help: 'options.numCtxHelp', step: '1024' },
  { key: 'num_predict', label: 'options.numPredict', help: 'options.numPredictHelp', step: '64' },
] as const satisfies { key: NumberKey; label: string; help: string; step: string }[]

/** Unset lets Ollama decide: thinking models think. */
type Think = 'default' | 'on' | 'off'

function thinkOf(options: ChatOptions): Think {
  if (options.think === undefined) return 'default'
  return options.think ? 'on' : 'off'
}

function parseOptions(values: Record<NumberKey, string>, stop: string, keepAlive: string, think: Think): ChatOptions {
  const options: ChatOptions = {}
  for (const { key } of NUMBER_FIELDS) if (values[key].trim() !== '') options[key] = Number(values[key])
  const stops = stop
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean)
  if (stops.length) options.stop = stops
  if (keepAlive.trim()) options.keep_alive = keepAlive.trim()
  if (think !== 'default') options.think = think === 'on'
  return options
}

/** The conversation's model, system prompt and Ollama options. */
export function ChatOptionsPanel({
  conversation,
  models,
  onSave,
}: {
  conversation: Conversation
  models: string[]
  onSave(patch: { model: string; systemPrompt: string; options: ChatOptions }): Promise<unknown>
}) {
  const { t } = useTranslation('chat')
  const [model, setModel] = useState(conversation.model)
  const [system, setSystem] = useState(conversation.systemPrompt)
  const [values, setValues] = useState<Record<NumberKey, string>>(() => {
    const initial = {} as Record<NumberKey, string>
    for (const { key } of NUMBER_FIELDS) initial[key] = conversation.options[key]?.toString() ?? ''
    return initial
  })
  const [stop, setStop] = useState((conversation.options.stop ?? []).join('\n'))
  const [keepAlive, setKeepAlive] = useState(conversation.options.keep_alive ?? '')
  const [think, setThink] = useState(thinkOf(conversation.options))
  const { run, error, busy } = useAction()
  const [saved, setSaved] = useState(false)
  const choices = models.includes(model) ? models : [model, ...models]

  const save = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    setSaved(await run(() => onSave({ model, systemPrompt: system, options: parseOptions(values, stop, keepAlive, think) })))
  }

  return (
    <form className="chat-options" onSubmit={(e) => void save(e)} aria-label={t('options.region')}>
      <div className="field">
        <label htmlFor="chat-model">{t('options.model')}</label>
        <select id="chat-model" value={model} onChange={(e) => setModel(e.target.value)}>
          {choices.map((name) => (
            <option key={name}>{name}</option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="chat-system">{t('options.system')}</label>
        <textarea id="chat-system" rows={3} value={system} onChange={(e) => setSystem(e.target.value)} />
      </div>
      <div className="option-grid">
        {NUMBER_FIELDS.map(({ key, label, help, step }) => (
          <div className="field" key={key}>
            <label htmlFor={`chat-${key}`}>{t(label)}</label>
            <input
              id={`chat-${key}`}
              type="number"
              step={step}
              value={values[key]}
              onChange={(e) => setValues((v) => ({ ...v, [key]: e.target.value }))}
              aria-describedby={`chat-${key}-help`}
            />
            <p id={`chat-${key}-help`} className="muted small">
              {t(help, { tokens: DEFAULT_NUM_CTX })}
            </p>
          </div>
        ))}
        <div className="field">
          <label htmlFor="chat-keep-alive">{t('options.keepAlive')}</label>
          <input id="chat-keep-alive" value={keepAlive} onChange={(e) => setKeepAlive(e.target.value)} placeholder="5m" />
        </div>
        <div className="field">
          <label htmlFor="chat-think">{t('options.think')}</label>
          <select id="chat-think" value={think} onChange={(e) => setThink(e.target.value as Think)} aria-describedby="chat-think-help">
            <option value="default">{t('options.thinkDefault')}</option>
            <option value="on">{t('options.thinkOn')}</option>
            <option value="off">{t('options.thinkOff')}</option>
          </select>
          <p id="chat-think-help" className="muted small">
            {t('options.thinkHelp')}
          </p>
        </div>
      </div>
      <div className="field">
        <label htmlFor="chat-stop">{t('options.stop')}</label>
        <textarea id="chat-stop" rows={2} value={stop} onChange={(e) => setStop(e.target.value)} />
      </div>
      {error && <ErrorNotice error={error} />}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {t('options.save')}
        </button>
        {saved && (
          <span role="status" className="muted">
            {t('options.saved')}
          </span>
        )}
      </div>
    </form>
  )
}
