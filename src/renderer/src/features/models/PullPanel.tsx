import { useId, useState, type FormEvent } from 'react'
import { DEFAULT_MODEL } from '../../../../shared/domain/models.ts'
import type { PullJob } from '../../../../shared/domain/pull.ts'
import type { ErrorInfo } from '../../../../shared/ipc/errors.ts'
import { api, errorInfoOf } from '../../ipc/client.ts'
import { ErrorNotice } from '../../ui/ErrorNotice.tsx'
import { formatBytes, formatDuration } from '../../ui/format.ts'

function progressText(job: PullJob): string {
  const p = job.progress
  if (job.state === 'done') return `Installed · ${formatBytes(p.totalBytes)}`
  if (job.state === 'cancelled') return `Cancelled at ${Math.floor(p.percent ?? 0)}% — pulling again resumes`
  if (p.phase === 'manifest') return 'Fetching the manifest…'
  if (p.phase === 'verifying') return 'Verifying…'
  if (p.phase === 'writing' || p.phase === 'cleaning') return 'Finishing…'
  const parts = [`${Math.floor(p.percent ?? 0)}%`, `${formatBytes(p.completedBytes)} of ${formatBytes(p.totalBytes)}`]
  if (p.bytesPerSecond) parts.push(`${formatBytes(p.bytesPerSecond)}/s`)
  if (p.etaSeconds !== undefined) parts.push(`${formatDuration(p.etaSeconds)} left`)
  return parts.join(' · ')
}

function PullRow({ job, onDismiss }: { job: PullJob; onDismiss: (model: string) => void }) {
  const model = job.model
  return (
    <li className="pull">
      <div className="pull-head">
        <strong>{model}</strong>
        <span className="muted small" data-testid={`pull-status-${model}`}>
          {progressText(job)}
        </span>
      </div>
      {job.requestedAs && (
        <p className="muted small">
          “{job.requestedAs}” is not a valid Ollama tag; pulling {model} instead.
        </p>
      )}
      {job.state === 'running' && (
        <progress className="pull-bar" max={100} value={job.progress.percent ?? 0} aria-label={`Pulling ${model}`} />
      )}
      {job.error && <ErrorNotice error={job.error} />}
      <div className="pull-actions">
        {job.state === 'running' ? (
          <button type="button" className="button button-small" onClick={() => void api.invoke('models:pullCancel', { model })}>
            Cancel pull of {model}
          </button>
        ) : (
          <button type="button" className="button button-small" onClick={() => onDismiss(model)}>
            Dismiss {model}
          </button>
        )}
      </div>
    </li>
  )
}

/** Pull a model by name (the default one pre-filled) and follow every pull main is running. */
export function PullPanel({ pulls, onDismiss }: { pulls: PullJob[]; onDismiss: (model: string) => void }) {
  const [name, setName] = useState(DEFAULT_MODEL)
  const [error, setError] = useState<ErrorInfo>()
  const nameId = useId()

  const start = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    setError(undefined)
    try {
      await api.invoke('models:pull', { model: name })
    } catch (failure) {
      setError(errorInfoOf(failure))
    }
  }

  return (
    <section className="pull-panel" aria-labelledby={`${nameId}-title`}>
      <h2 id={`${nameId}-title`}>Get a model</h2>
      <form className="pull-form" onSubmit={(e) => void start(e)}>
        <label htmlFor={nameId} className="visually-hidden">
          Model to pull
        </label>
        <input id={nameId} value={name} onChange={(e) => setName(e.target.value)} spellCheck={false} />
        <button type="submit" className="button button-primary" disabled={!name.trim()}>
          Pull
        </button>
      </form>
      <p className="muted small">{DEFAULT_MODEL} is about 4.7 GB. Smaller: qwen2.5:1.5b (~1 GB), qwen2.5:0.5b (~400 MB).</p>
      {error && <ErrorNotice error={error} />}
      {pulls.length > 0 && (
        <ul className="pulls" aria-label="Pulls">
          {pulls.map((job) => (
            <PullRow key={job.model} job={job} onDismiss={onDismiss} />
          ))}
        </ul>
      )}
    </section>
  )
}
