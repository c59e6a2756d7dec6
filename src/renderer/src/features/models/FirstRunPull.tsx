import { RECOMMENDED_MODELS } from '../../../../shared/domain/models.ts'
import { api } from '../../ipc/client.ts'
import { ErrorNotice } from '../../ui/ErrorNotice.tsx'
import { formatBytes } from '../../ui/format.ts'
import { useAction } from '../../ui/useAction.ts'
import { PullRow } from './PullRow.tsx'
import { usePulls } from './usePulls.ts'

/** Shown where a model is needed and none is installed: the default model, one click away. */
export function FirstRunPull({ onInstalled }: { onInstalled: () => void }) {
  const { pulls, dismiss } = usePulls(onInstalled)
  const { run, error } = useAction()
  const [first, ...smaller] = RECOMMENDED_MODELS
  if (!first) return null
  const job = pulls.find((p) => p.model === first.name)
  return (
    <section className="first-run" aria-labelledby="first-run-title">
      <h2 id="first-run-title">Get your first model</h2>
      <p>
        <strong>{first.name}</strong> ({formatBytes(first.sizeBytes)}) is a capable instruct model that runs on your own machine.{' '}
        {first.why}
      </p>
      {job ? (
        <ul className="pulls" aria-label="Pulls">
          <PullRow job={job} onDismiss={dismiss} />
        </ul>
      ) : (
        <button
          type="button"
          className="button button-primary"
          onClick={() => void run(() => api.invoke('models:pull', { model: first.name }))}
        >
          Download {first.name}
        </button>
      )}
      {error && <ErrorNotice error={error} />}
      <p className="muted small">
        Less memory? Try{' '}
        {smaller
          .filter((m) => m.kind === 'instruct')
          .map((m) => `${m.name} (${formatBytes(m.sizeBytes)})`)
          .join(', ')}{' '}
        from the Models screen.
      </p>
    </section>
  )
}
