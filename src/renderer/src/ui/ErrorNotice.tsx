import { useTranslation } from 'react-i18next'
import type { ErrorInfo } from '../../../shared/ipc/errors.ts'
import { InlineCode } from './InlineCode.tsx'

/** An error's message and what to do about it, for any notice that shows one. */
export function ErrorText({ error }: { error: Pick<ErrorInfo, 'message' | 'hint'> }) {
  return (
    <>
      <p className="notice-title">
        <InlineCode text={error.message} />
      </p>
      {error.hint && (
        <p className="notice-hint">
          <InlineCode text={error.hint} />
        </p>
      )}
    </>
  )
}

export function ErrorNotice({ error, onRetry }: { error: ErrorInfo; onRetry?: () => void }) {
  const { t } = useTranslation()
  return (
    <div className="notice notice-error" role="alert">
      <ErrorText error={error} />
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          {t('tryAgain')}
        </button>
      )}
    </div>
  )
}
