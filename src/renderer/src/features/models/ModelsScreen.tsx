import { useInvoke } from '../../ipc/hooks.ts'
import { ErrorNotice } from '../../ui/ErrorNotice.tsx'
import { ScreenHeader } from '../../ui/ScreenHeader.tsx'
import { InstalledModels } from './InstalledModels.tsx'
import { LoadedModels } from './LoadedModels.tsx'
import { PullPanel } from './PullPanel.tsx'
import { RecommendedModels } from './RecommendedModels.tsx'
import { usePulls } from './usePulls.ts'

export function ModelsScreen() {
  const models = useInvoke('models:list', {})
  const { pulls, dismiss } = usePulls(models.reload)
  const list = models.data ?? []
  return (
    <div className="screen">
      <ScreenHeader
        title="Models"
        description="Models installed on your Ollama server, what is in memory, and more to pull."
        actions={
          <button type="button" className="button" onClick={models.reload} disabled={models.loading}>
            {models.loading ? 'Refreshing…' : 'Refresh'}
          </button>
        }
      />
      {models.error && <ErrorNotice error={models.error} onRetry={models.reload} />}
      {!models.error && !models.loading && list.length === 0 && (
        <div className="empty">
          <p>No models are installed yet.</p>
          <p className="muted">Pull one from the list below; the first one is a good start.</p>
        </div>
      )}
      {list.length > 0 && <InstalledModels models={list} onChanged={models.reload} />}
      <PullPanel pulls={pulls} onDismiss={dismiss} />
      <RecommendedModels installed={list.map((m) => m.name)} pulls={pulls} />
      <LoadedModels />
    </div>
  )
}
