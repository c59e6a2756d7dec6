import type { PullJob } from '../../../../shared/domain/pull.ts'
import { api } from '../../ipc/client.ts'
import { ErrorNotice } from '../../ui/ErrorNotice.tsx'
import { formatBytes, formatDuration } from '../../ui/format.ts'
import { useAction } from '../../ui/useAction.ts'
import { useNow } from '../../ui/useNow.ts'

/** What a screen reader hears: each change of state once, not every progress tick. */
const ANNOUNCED: Record<PullJob['state'], (model: string) => string> = {
  queued: (model) => `${model} is waiting to download.`,
  running: (model) => `Downloading ${model}.`,
  retrying: (model) => `The download of ${model} was interrupted; retrying.`,
  paused: (model) => `${model} paused.`,
  done: (model) => `${model} is installed.`,
  failed: (model) => `Pulling ${model} failed.`,
  cancelled: (model) => `Pull of ${model} cancelled.`,
}

function figures(job: PullJob): string {
  const p = job.progress
  const parts = [`${Math.floor(p.percent ?? 0)}%`, `${formatBytes(p.completedBytes)} of ${formatBytes(p.totalBytes)}`]
  if (p.bytesPerSecond) parts.push(`${formatBytes(p.bytesPerSecond)}/s`)
  if (p.etaSeconds !== undefined) parts.push(`${formatDuration(p.etaSeconds)} left`)
  return parts.join(' · ')
}

function statusText(job: PullJob, now: number): string {
  const p = job.progress
  const percent = `${Math.floor(p.percent ?? 0)}%`
  switch (job.state) {
    case 'done':
      return `Installed · ${formatBytes(p.totalBytes)}`
    case 'cancelled':
      return `Cancelled at ${percent} — pulling again resumes`
    case 'paused':
      return `Paused at ${percent} · ${formatBytes(p.completedBytes)} of ${formatBytes(p.totalBytes)}`
    case 'queued':
      return 'Waiting for the download in progress to finish'
    case 'retrying':
      return `Connection lost at ${percent} — retrying in ${formatDuration(Math.max(0, ((job.retryAt ?? now) - now) / 1000))} (try ${job.attempt + 1})`
    case 'failed':
      return p.totalBytes > 0 ? `Stopped at ${percent}` : 'Did not start'
    case 'running':
      if (p.phase === 'manifest') return 'Fetching the manifest…'
      if (p.phase === 'verifying') return 'Verifying…'
      if (p.phase === 'writing' || p.phase === 'cleaning') return 'Finishing…'
      return figures(job)
  }
}

function Actions({
  job,
  onDismiss,
  act,
}: {
  job: PullJob
  onDismiss: (model: string) => void
  act: (call: () => Promise<unknown>) => void
}) {
  const model = job.model
  // Short visible words; the accessible name says which model, since several pulls can be listed.
  const button = (label: string, name: string, call: () => Promise<unknown>, primary = false) => (
    <button
      type="button"
      className={`button button-small${primary ? ' button-primary' : ''}`}
      aria-label={`${name} ${model}`}
      onClick={() => act(call)}
    >
      {label}
    </button>
  )
  const pause = button('Pause', 'Pause pull of', () => api.invoke('models:pullPause', { model }))
  const cancel = button('Cancel', 'Cancel pull of', () => api.invoke('models:pullCancel', { model }))
  const dismiss = button('Dismiss', 'Dismiss', async () => onDismiss(model))
  const again = (label: string, name: string) => button(label, name, () => api.invoke('models:pull', { model }), true)
  switch (job.state) {
    case 'running':
      return (
        <>
          {pause}
          {cancel}
        </>
      )
    case 'queued':
    case 'retrying':
      return cancel
    case 'paused':
      return (
        <>
          {button('Resume', 'Resume pull of', () => api.invoke('models:pullResume', { model }), true)}
          {cancel}
        </>
      )
    case 'failed':
      return (
        <>
          {again('Try again', 'Try again to pull')}
          {dismiss}
        </>
      )
    case 'cancelled':
      return (
        <>
          {again('Resume', 'Resume pull of')}
          {dismiss}
        </>
      )
    case 'done':
      return dismiss
  }
}

/** One pull main is running (or has finished), with the actions that make sense in its state. */
export function PullRow({ job, onDismiss }: { job: PullJob; onDismiss: (model: string) => void }) {
  const now = useNow(job.state === 'retrying')
  const action = useAction()
  const model = job.model
  const showBar = job.state === 'running' || job.state === 'retrying' || job.state === 'paused'
  return (
    <li className="pull" data-state={job.state}>
      <div className="pull-head">
        <strong>{model}</strong>
        <span className="muted small" data-testid={`pull-status-${model}`}>
          {statusText(job, now)}
        </span>
      </div>
      {job.requestedAs && (
        <p className="muted small">
          “{job.requestedAs}” is not a valid Ollama tag; pulling {model} instead.
        </p>
      )}
      {showBar && <progress className="pull-bar" max={100} value={job.progress.percent ?? 0} aria-label={`Pulling ${model}`} />}
      {job.state === 'retrying' && job.retryReason && <p className="muted small">Last try ended: {job.retryReason}</p>}
      {job.notice && (
        <p className="notice notice-info small" role="note">
          {job.notice}
        </p>
      )}
      {job.error && <ErrorNotice error={job.error} />}
      {action.error && <ErrorNotice error={action.error} />}
      <div className="pull-actions">
        <Actions job={job} onDismiss={onDismiss} act={(call) => void action.run(call)} />
      </div>
      <span className="visually-hidden" role="status">
        {ANNOUNCED[job.state](model)}
      </span>
    </li>
  )
}
