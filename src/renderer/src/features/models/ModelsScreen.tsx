import { useTranslation } from 'react-i18next'
import { useInvoke } from '../../ipc/hooks.ts'
import { ErrorNotice } from '../../ui/ErrorNotice.tsx'
import { ScreenHeader } from '../../ui/ScreenHeader.tsx'
import { InstalledModels } from './InstalledModels.tsx'
import { LoadedModels } from './LoadedModels.tsx'
import { PullPanel } from './PullPanel.tsx'
import { RecommendedModels } from './RecommendedModels.tsx'
import { usePulls } from './usePulls.ts'

export function ModelsScreen() {
  const { t } = useTranslation('models')
  const models = useInvoke('models:list', {})
  const { pulls, dismiss } = usePulls(models.reload)
  const list = models.data ?? []
  return (
    <div className="screen">
      <ScreenHeader
        title={t('title')}
        description={t('description')}
        actions={
          <button type="button" className="button" onClick={models.reload} disabled={models.loading}>
            {models.loading ? t('refreshing') : t('refresh')}
          </button>
        }
      />
      {models.error && <ErrorNotice error={models.error} onRetry={models.reload} />}
      {!models.error && !models.loading && list.length === 0 && (
        <div className="empty">
          <p>{t('empty')}</p>
          <p className="muted">{t('emptyHint')}</p>
        </div>
      )}
      {list.length > 0 && <InstalledModels models={list} onChanged={models.reload} />}
      <PullPanel pulls={pulls} onDismiss={dismiss} />
      <RecommendedModels installed={list.map((m) => m.name)} pulls={pulls} />
      <LoadedModels />
    </div>
  )
}
