import { useEffect } from 'react'
import { useInvoke } from '../../ipc/hooks.ts'
import { formatBytes, formatDuration } from '../../ui/format.ts'
import { useNow } from '../../ui/useNow.ts'

/** Models in memory right now (`/api/ps`), refreshed while the screen is open. */
export function LoadedModels() {
  const loaded = useInvoke('models:loaded', {})
  const now = useNow(true, 10_000)
  const { reload } = loaded
  useEffect(() => reload(), [now, reload])
  const list = loaded.data ?? []
  return (
    <section aria-labelledby="loaded-title">
      <h2 id="loaded-title">In memory now</h2>
      {list.length === 0 ? (
        <p className="muted small">
          {loaded.error
            ? `Could not ask Ollama which models are loaded: ${loaded.error.message}`
            : 'No model is loaded. The first message to a model loads it.'}
        </p>
      ) : (
        <ul className="loaded">
          {list.map((m) => {
            const left = m.expiresAt ? (Date.parse(m.expiresAt) - now) / 1000 : undefined
            const where =
              m.vramBytes >= m.sizeBytes ? 'GPU' : m.vramBytes > 0 ? `${Math.round((m.vramBytes / m.sizeBytes) * 100)}% GPU` : 'CPU'
            return (
              <li key={m.name}>
                <strong>{m.name}</strong>{' '}
                <span className="muted small">
                  {formatBytes(m.sizeBytes)} · {where}
                  {m.contextLength ? ` · window ${m.contextLength.toLocaleString()} tokens` : ''}
                  {left !== undefined && left > 0 ? ` · unloads in ${formatDuration(left)}` : ''}
                </span>
              </li>
            )
          })}
        </ul>
      )}
    </section>
  )
}
