import { useEffect, useState } from 'react'
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
  const label = `${count.exact ? '' : '≈ '}${count.tokens.toLocaleString()} of ${numCtx.toLocaleString()} tokens`
  return (
    <div className={`context-meter context-${tone}`}>
      <meter
        min={0}
        max={numCtx}
        value={Math.min(count.tokens, numCtx)}
        low={numCtx * 0.8}
        high={numCtx * 0.99}
        optimum={0}
        aria-label="Context used"
      />
      <span className="small" data-testid="context-meter">
        {label}
        {count.exact ? '' : ' (estimated)'}
        {numCtx < asked ? ` — the most ${model} takes` : ''}
        {share >= 1 ? ' — too long: Ollama would drop the oldest part' : ''}
      </span>
    </div>
  )
}
