import { useTranslation } from 'react-i18next'
import type { ErrorInfo } from '../../../../shared/ipc/errors.ts'
import { ErrorText } from '../../ui/ErrorNotice.tsx'
import { useNavigation } from '../../ui/navigation.ts'

/** Failures whose fix is in Settings: no Anthropic key, or one Anthropic refused. */
const FIXED_IN_SETTINGS = new Set<ErrorInfo['code']>(['CLAUDE_NOT_CONFIGURED', 'CLAUDE_AUTH'])

/** A failed run or Claude call: the message, what to do (the retry time when rate limited), and the way to Settings when that is the fix. */
export function RunError({ error, onRetry }: { error: ErrorInfo; onRetry?: () => void }) {
  const { t } = useTranslation('json')
  const { go } = useNavigation()
  return (
    <div className="notice notice-error" role="alert">
      <ErrorText error={error} />
      <div className="form-actions">
        {FIXED_IN_SETTINGS.has(error.code) && (
          <button type="button" className="button button-small" onClick={() => go('settings')}>
            {t('run.openSettings')}
          </button>
        )}
        {onRetry && error.retryable && (
          <button type="button" className="button button-small" onClick={onRetry}>
            {t('run.tryAgain')}
          </button>
        )}
      </div>
    </div>
  )
}
