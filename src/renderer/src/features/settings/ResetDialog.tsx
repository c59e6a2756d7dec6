import { useTranslation } from 'react-i18next'
import { api } from '../../ipc/client.ts'
import { ErrorNotice } from '../../ui/ErrorNotice.tsx'
import { useAction } from '../../ui/useAction.ts'
import { useModalDialog } from '../../ui/useModalDialog.ts'

/** Confirms putting every setting back to its default; keys and tokens are not settings and stay. */
export function ResetDialog({ onClose }: { onClose: (reset: boolean) => void }) {
  const { t } = useTranslation('settings')
  const ref = useModalDialog()
  const { run, busy, error } = useAction()

  const reset = async (): Promise<void> => {
    if (await run(() => api.invoke('settings:reset', {}))) onClose(true)
  }

  return (
    <dialog ref={ref} className="dialog" aria-labelledby="reset-settings-title" onCancel={() => onClose(false)}>
      <h2 id="reset-settings-title">{t('reset.title')}</h2>
      <p>{t('reset.what')}</p>
      <p>{t('reset.kept')}</p>
      {error && <ErrorNotice error={error} />}
      <div className="dialog-actions">
        <button type="button" className="button" onClick={() => onClose(false)} autoFocus>
          {t('reset.cancel')}
        </button>
        <button type="button" className="button button-danger" onClick={() => void reset()} disabled={busy}>
          {busy ? t('reset.resetting') : t('reset.confirm')}
        </button>
      </div>
    </dialog>
  )
}
