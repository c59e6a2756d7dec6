import type { TFunction } from 'i18next'
import { useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { DEFAULT_SYSTEM_PROMPT, type ChatResult } from '../../../../shared/domain/chat.ts'
import { newChatOptions } from '../../../../shared/domain/settings.ts'
import { useLiveSettings } from '../settings/useLiveSettings.ts'
import type { ErrorInfo } from '../../../../shared/ipc/errors.ts'
import { api, errorInfoOf, type TypedStream } from '../../ipc/client.ts'
import { ErrorNotice } from '../../ui/ErrorNotice.tsx'
import { Thinking } from './Thinking.tsx'

interface Side {
  model: string
  text: string
  /** A thinking model's reasoning, before its answer. */
  thinking: string
  state: 'idle' | 'streaming' | 'done' | 'stopped' | 'failed'
  result?: ChatResult
  error?: ErrorInfo
  /** Wall time from sending to the last token, as the user waited for it. */
  elapsedMs?: number
  firstTokenMs?: number
}

const idle = (model: string): Side => ({ model, text: '', thinking: '', state: 'idle' })

function figures(side: Side, t: TFunction<'chat'>): string {
  const parts: string[] = []
  if (side.firstTokenMs !== undefined) parts.push(t('compare.firstToken', { seconds: side.firstTokenMs / 1000 }))
  if (side.elapsedMs !== undefined) parts.push(t('compare.total', { seconds: side.elapsedMs / 1000 }))
  if (side.result?.replyTokens !== undefined) parts.push(t('compare.tokens', { count: side.result.replyTokens }))
  if (side.result?.promptTokens !== undefined) parts.push(t('compare.prompt', { count: side.result.promptTokens }))
  return parts.join(' · ')
}

/**
 * One prompt to two models side by side (a base and an instruct variant, or two sizes), with
 * timing and token counts for each. These runs are not stored in the history.
 */
export function ComparePanel({ models, initial }: { models: string[]; initial: string }) {
  const { t } = useTranslation('chat')
  const settings = useLiveSettings()
  const [sides, setSides] = useState<[Side, Side]>(() => [idle(initial), idle(models.find((m) => m !== initial) ?? initial)])
  const [prompt, setPrompt] = useState('')
  const streams = useRef<TypedStream<'chat:send'>[]>([])
  const running = sides.some((s) => s.state === 'streaming')

  const patch = (index: 0 | 1, change: Partial<Side>): void =>
    setSides((current) => {
      const next: [Side, Side] = [...current]
      next[index] = { ...next[index], ...change }
      return next
    })

  const runSide = async (index: 0 | 1, model: string, text: string): Promise<void> => {
    const started = performance.now()
    patch(index, { ...idle(model), state: 'streaming' })
    const stream = api.stream(
      'chat:send',
      {
        model,
        messages: [
          { role: 'system', content: DEFAULT_SYSTEM_PROMPT },
          { role: 'user', content: text },
        ],
        // The options Settings gives new chats: a comparison is a new chat, twice.
        options: newChatOptions({ chatDefaults: settings?.chatDefaults ?? {} }),
      },
      (events) => {
        const arrived = (type: 'token' | 'thinking'): string =>
          events
            .filter((e) => e.type === type)
            .map((e) => e.text)
            .join('')
        setSides((current) => {
          const next: [Side, Side] = [...current]
          const side = next[index]
          next[index] = {
            ...side,
            text: side.text + arrived('token'),
            thinking: side.thinking + arrived('thinking'),
            firstTokenMs: side.firstTokenMs ?? performance.now() - started,
          }
          return next
        })
      },
    )
    streams.current[index] = stream
    try {
      const result = await stream.result
      patch(index, { state: 'done', result, text: result.content, thinking: result.thinking ?? '', elapsedMs: performance.now() - started })
    } catch (failure) {
      const error = errorInfoOf(failure)
      patch(index, error.code === 'CANCELLED' ? { state: 'stopped' } : { state: 'failed', error })
    }
  }

  const run = (event: FormEvent): void => {
    event.preventDefault()
    const text = prompt.trim()
    if (!text || running) return
    void runSide(0, sides[0].model, text)
    void runSide(1, sides[1].model, text)
  }

  return (
    <section className="compare" aria-label={t('compare.region')}>
      <form className="compare-form" onSubmit={run}>
        <label htmlFor="compare-prompt">{t('compare.prompt')}</label>
        <textarea id="compare-prompt" rows={3} value={prompt} onChange={(e) => setPrompt(e.target.value)} />
        <div className="form-actions">
          {running ? (
            <button type="button" className="button button-danger" onClick={() => streams.current.forEach((s) => s.cancel())}>
              {t('compare.stop')}
            </button>
          ) : (
            <button type="submit" className="button button-primary" disabled={!prompt.trim()}>
              {t('compare.run')}
            </button>
          )}
        </div>
      </form>
      <div className="compare-columns">
        {sides.map((side, i) => {
          const index = i as 0 | 1
          return (
            <div key={index} className="compare-side">
              <label htmlFor={`compare-model-${index}`}>{index === 0 ? t('compare.left') : t('compare.right')}</label>
              <select
                id={`compare-model-${index}`}
                value={side.model}
                disabled={running}
                onChange={(e) => patch(index, idle(e.target.value))}
              >
                {(models.includes(side.model) ? models : [side.model, ...models]).map((name) => (
                  <option key={name}>{name}</option>
                ))}
              </select>
              <div className="turn compare-output" aria-live="polite" aria-label={t('compare.reply', { model: side.model })} role="region">
                {side.thinking && <Thinking text={side.thinking} active={side.state === 'streaming' && !side.text} />}
                <div className="turn-text">{side.text || (side.state === 'streaming' && !side.thinking ? '…' : '')}</div>
                {side.state === 'stopped' && <p className="turn-meta">{t('compare.stopped')}</p>}
                {figures(side, t) && <p className="turn-meta">{figures(side, t)}</p>}
                {side.error && <ErrorNotice error={side.error} />}
              </div>
            </div>
          )
        })}
      </div>
    </section>
  )
}
