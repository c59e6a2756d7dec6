import { useRef, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'

export type JsonMode = 'repair' | 'generate' | 'batch'

const MODES = [
  { id: 'repair', label: 'modes.repair' },
  { id: 'generate', label: 'modes.generate' },
  { id: 'batch', label: 'modes.batch' },
] as const satisfies { id: JsonMode; label: string }[]

export function tabId(baseId: string, mode: JsonMode): string {
  return `${baseId}-tab-${mode}`
}

/** One panel whose content follows the selected tab. */
export function panelId(baseId: string): string {
  return `${baseId}-panel`
}

/** The screen's three ways in, as tabs: arrow keys move between them, as in any tab strip. */
export function ModeTabs({ baseId, mode, onMode }: { baseId: string; mode: JsonMode; onMode(mode: JsonMode): void }) {
  const { t } = useTranslation('json')
  const tabs = useRef<Partial<Record<JsonMode, HTMLButtonElement | null>>>({})
  const onKeyDown = (event: KeyboardEvent): void => {
    const index = MODES.findIndex((m) => m.id === mode)
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0
    const target =
      event.key === 'Home' ? MODES[0] : event.key === 'End' ? MODES.at(-1) : step ? MODES.at((index + step) % MODES.length) : undefined
    if (!target) return
    event.preventDefault()
    onMode(target.id)
    tabs.current[target.id]?.focus()
  }
  return (
    <div className="snippet-tabs json-tabs" role="tablist" aria-label={t('modes.label')}>
      {MODES.map((m) => (
        <button
          key={m.id}
          ref={(element) => {
            tabs.current[m.id] = element
          }}
          type="button"
          role="tab"
          id={tabId(baseId, m.id)}
          className="snippet-tab"
          aria-selected={m.id === mode}
          aria-controls={panelId(baseId)}
          tabIndex={m.id === mode ? 0 : -1}
          onClick={() => onMode(m.id)}
          onKeyDown={onKeyDown}
        >
          {t(m.label)}
        </button>
      ))}
    </div>
  )
}
