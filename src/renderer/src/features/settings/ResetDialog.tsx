import { useTranslation } from 'react-i18next'
import { api } from '../../ipc/client.ts'
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx'

/** Confirms putting every setting back to its default; keys and tokens are not settings and stay. */
export function ResetDialog({ onClose }: { onClose: (reset: boolean) => void }) {
  const { t } = useTranslation('settings')
  return (
    <ConfirmDialog
      title={t('reset.title')}
      cancelLabel={t('reset.cancel')}
      confirmLabel={t('reset.confirm')}
      busyLabel={t('reset.resetting')}
      onConfirm={() => api.invoke('settings:reset', {})}
      onClose={onClose}
    >
      <p>{t('reset.what')}</p>
      <p>{t('reset.kept')}</p>
    </ConfirmDialog>
  )
}
