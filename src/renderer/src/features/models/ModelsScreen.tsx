import { DEFAULT_MODEL } from '../../../../shared/domain/models.ts'
import { useInvoke } from '../../ipc/hooks.ts'
import { ErrorNotice } from '../../ui/ErrorNotice.tsx'
import { formatBytes, formatDate } from '../../ui/format.ts'
import { ScreenHeader } from '../../ui/ScreenHeader.tsx'
import { PullPanel } from './PullPanel.tsx'
import { usePulls } from './usePulls.ts'

export function ModelsScreen() {
  const models = useInvoke('models:list', {})
  const { pulls, dismiss } = usePulls(models.reload)
  const list = models.data ?? []
  return (
    <div className="screen">
      <ScreenHeader
        title="Models"
        description="Models installed on your Ollama server."
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
          <p className="muted">
            The recommended model is <code>{DEFAULT_MODEL}</code> (about 4.7 GB). Pull it below.
          </p>
        </div>
      )}
      {list.length > 0 && (
        <table className="table">
          <caption className="visually-hidden">Installed models</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Parameters</th>
              <th scope="col">Quantization</th>
              <th scope="col" className="numeric">
                Size
              </th>
              <th scope="col">Updated</th>
            </tr>
          </thead>
          <tbody>
            {list.map((m) => (
              <tr key={m.name}>
                <th scope="row">
                  {m.name}
                  {m.name === DEFAULT_MODEL && <span className="badge">default</span>}
                </th>
                <td>{m.parameterSize ?? '—'}</td>
                <td>{m.quantization ?? '—'}</td>
                <td className="numeric">{formatBytes(m.sizeBytes)}</td>
                <td>{formatDate(m.modifiedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <PullPanel pulls={pulls} onDismiss={dismiss} />
    </div>
  )
}
