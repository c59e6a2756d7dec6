import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { useInvoke } from '../../ipc/hooks.ts'
import { formatBytes } from '../../i18n/format.ts'
import { useNow } from '../../ui/useNow.ts'

/** Models in memory right now (`/api/ps`), refreshed while the screen is open. */
export function LoadedModels() {
  const { t } = useTranslation('models')
  const loaded = useInvoke('models:loaded', {})
  const now = useNow(true, 10_000)
  const { reload } = loaded
  useEffect(() => reload(), [now, reload])
  const list = loaded.data ?? []
  return (
    <section aria-labelledby="loaded-title">
      <h2 id="loaded-title">{t('loaded.title')}</h2>
      {list.length === 0 ? (
        <p className="muted small">{loaded.error ? t('loaded.failed', { message: loaded.error.message }) : t('loaded.none')}</p>
      ) : (
        <ul className="loaded">
          {list.map((m) => {
            const left = m.expiresAt ? (Date.parse(m.expiresAt) - now) / 1000 : undefined
            const where =
              m.vramBytes >= m.sizeBytes
                ? t('loaded.gpu')
                : m.vramBytes > 0
                  ? t('loaded.partlyGpu', { percent: Math.round((m.vramBytes / m.sizeBytes) * 100) })
                  : t('loaded.cpu')
            const facts = [formatBytes(m.sizeBytes), where]
            if (m.contextLength) facts.push(t('loaded.window', { tokens: m.contextLength }))
            if (left !== undefined && left > 0) facts.push(t('loaded.unloads', { left }))
            return (
              <li key={m.name}>
                <strong>{m.name}</strong> <span className="muted small">{facts.join(' · ')}</span>
              </li>
            )
          })}
        </ul>
      )}
    </section>
  )
}
