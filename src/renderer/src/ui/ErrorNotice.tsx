import type { ErrorInfo } from '../../../shared/ipc/errors.ts'

export function ErrorNotice({ error, onRetry }: { error: ErrorInfo; onRetry?: () => void }) {
  return (
    <div className="notice notice-error" role="alert">
      <p className="notice-title">{error.message}</p>
      {error.hint && <p className="notice-hint">{error.hint}</p>}
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  )
}
