import { useId } from 'react'
import { useTranslation } from 'react-i18next'

/**
 * A mode's Run and Stop. Run stays focusable when it cannot start, and `blocked` says why beside
 * it; Stop replaces it while the run is going.
 */
export function RunBar({
  label,
  running,
  blocked,
  onRun,
  onStop,
}: {
  label: string
  running: boolean
  blocked: string | undefined
  onRun(): void
  onStop(): void
}) {
  const { t } = useTranslation('json')
  const id = useId()
  return (
    <div className="json-run-bar">
      {running ? (
        <button type="button" className="button button-danger" onClick={onStop}>
          {t('run.stop')}
        </button>
      ) : (
        <button
          type="button"
          className="button button-primary"
          aria-disabled={blocked !== undefined || undefined}
          aria-describedby={blocked ? id : undefined}
          onClick={() => blocked === undefined && onRun()}
        >
          {label}
        </button>
      )}
      {!running && blocked && (
        <span id={id} className="muted small">
          {blocked}
        </span>
      )}
    </div>
  )
}
