import { useTranslation } from 'react-i18next'
import { api } from '../../ipc/client.ts'
import { ErrorNotice } from '../../ui/ErrorNotice.tsx'
import { useAction } from '../../ui/useAction.ts'
import { useModalDialog } from '../../ui/useModalDialog.ts'

/** A modal confirmation: deleting frees disk space but the model must be downloaded again to use it. */
export function DeleteModelDialog({
  model,
  sizeBytes,
  onClose,
}: {
  model: string
  sizeBytes: number
  onClose: (deleted: boolean) => void
}) {
  const { t } = useTranslation('models')
  const ref = useModalDialog()
  const { run, busy, error } = useAction()

  const remove = async (): Promise<void> => {
    if (await run(() => api.invoke('models:delete', { model }))) onClose(true)
  }

  return (
    <dialog ref={ref} className="dialog" aria-labelledby="delete-title" onCancel={() => onClose(false)}>
      <h2 id="delete-title">{t('delete.title', { model })}</h2>
      <p>{t('delete.body', { size: sizeBytes })}</p>
      {error && <ErrorNotice error={error} />}
      <div className="dialog-actions">
        <button type="button" className="button" onClick={() => onClose(false)} autoFocus>
          {t('delete.keep')}
        </button>
        <button type="button" className="button button-danger" onClick={() => void remove()} disabled={busy}>
          {busy ? t('delete.deleting') : t('delete.confirm', { model })}
        </button>
      </div>
    </dialog>
  )
}
