import { useTranslation } from 'react-i18next'
import { api } from '../../ipc/client.ts'
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx'

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
  return (
    <ConfirmDialog
      title={t('delete.title', { model })}
      cancelLabel={t('delete.keep')}
      confirmLabel={t('delete.confirm', { model })}
      busyLabel={t('delete.deleting')}
      onConfirm={() => api.invoke('models:delete', { model })}
      onClose={onClose}
    >
      <p>{t('delete.body', { size: sizeBytes })}</p>
    </ConfirmDialog>
  )
}
