import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ChatMessage } from '../../../../shared/domain/chat.ts'
import { api } from '../../ipc/client.ts'

/**
 * Tokens the next request will use against the model's window, counted in main with the model's
 * own tokenizer when there is one (an estimate otherwise, and it says so). Recounted shortly after
 * typing stops. The window is num_ctx, or the model's own length when that is smaller (Ollama
 * lowers num_ctx to it without a word).
 */
export function ContextMeter({
  model,
  messages,
  numCtx: asked,
  modelMax,
}: {
  model: string
  messages: ChatMessage[]
  numCtx: number
  modelMax: number | undefined
}) {
  const { t } = useTranslation('chat')
  const numCtx = Math.min(asked, modelMax ?? asked)
  const [count, setCount] = useState<{ tokens: number; exact: boolean }>()
  const key = JSON.stringify(messages)
  useEffect(() => {
    if (!model) return
    let current = true
    const timer = setTimeout(() => {
      api.invoke('tokens:count', { model, messages: JSON.parse(key) as ChatMessage[] }).then(
        (result) => current && setCount(result),
        () => current && setCount(undefined),
      )
    }, 250)
    return () => {
      current = false
      clearTimeout(timer)
    }
  }, [model, key])
  if (!count) return null
  const share = count.tokens / numCtx
  const tone = share >= 1 ? 'bad' : share >= 0.8 ? 'warn' : 'ok'
  const used = t('meter.used', { tokens: count.tokens, window: numCtx })
  const label = [
    count.exact ? used : t('meter.estimated', { used }),
    ...(numCtx < asked ? [t('meter.modelMax', { model })] : []),
    ...(share >= 1 ? [t('meter.tooLong')] : []),
  ].join(' — ')
  return (
    <div className={`context-meter context-${tone}`}>
      <meter
        min={0}
        max={numCtx}
        value={Math.min(count.tokens, numCtx)}
        low={numCtx * 0.8}
        high={numCtx * 0.99}
        optimum={0}
        aria-label={t('meter.label')}
      />
      <span className="small" data-testid="context-meter">
        {label}
      </span>
    </div>
  )
}
