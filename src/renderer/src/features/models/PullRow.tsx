import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import type { PullJob } from '../../../../shared/domain/pull.ts'
import { api } from '../../ipc/client.ts'
import { ErrorNotice } from '../../ui/ErrorNotice.tsx'
import { useAction } from '../../ui/useAction.ts'
import { useNow } from '../../ui/useNow.ts'

/** What a screen reader hears: each change of state once, not every progress tick. */
const ANNOUNCED = {
  queued: 'pullAnnounce.queued',
  running: 'pullAnnounce.running',
  retrying: 'pullAnnounce.retrying',
  paused: 'pullAnnounce.paused',
  done: 'pullAnnounce.done',
  failed: 'pullAnnounce.failed',
  cancelled: 'pullAnnounce.cancelled',
} as const satisfies Record<PullJob['state'], string>

type T = TFunction<'models'>

function figures(job: PullJob, t: T): string {
  const p = job.progress
  const parts: string[] = [
    t('pullStatus.percent', { percent: Math.floor(p.percent ?? 0) }),
    t('pullStatus.received', { done: p.completedBytes, total: p.totalBytes }),
  ]
  if (p.bytesPerSecond) parts.push(t('pullStatus.speed', { speed: p.bytesPerSecond }))
  if (p.etaSeconds !== undefined) parts.push(t('pullStatus.left', { left: p.etaSeconds }))
  return parts.join(' · ')
}

function statusText(job: PullJob, now: number, t: T): string {
  const p = job.progress
  const percent = Math.floor(p.percent ?? 0)
  switch (job.state) {
    case 'done':
      return t('pullStatus.done', { size: p.totalBytes })
    case 'cancelled':
      return t('pullStatus.cancelled', { percent })
    case 'paused':
      return t('pullStatus.paused', { percent, done: p.completedBytes, total: p.totalBytes })
    case 'queued':
      return t('pullStatus.queued')
    case 'retrying':
      return t('pullStatus.retrying', { percent, wait: Math.max(0, ((job.retryAt ?? now) - now) / 1000), attempt: job.attempt + 1 })
    case 'failed':
      return p.totalBytes > 0 ? t('pullStatus.stopped', { percent }) : t('pullStatus.notStarted')
    case 'running':
      if (p.phase === 'manifest') return t('pullStatus.manifest')
      if (p.phase === 'verifying') return t('pullStatus.verifying')
      if (p.phase === 'writing' || p.phase === 'cleaning') return t('pullStatus.finishing')
      return figures(job, t)
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
  const { t } = useTranslation('models')
  const model = job.model
  // Short visible words; the accessible name says which model, since several pulls can be listed.
  const button = (label: string, name: string, call: () => Promise<unknown>, primary = false) => (
    <button type="button" className={`button button-small${primary ? ' button-primary' : ''}`} aria-label={name} onClick={() => act(call)}>
      {label}
    </button>
  )
  const resume = [t('pullActions.resume'), t('pullActions.resumeLabel', { model })] as const
  const pause = button(t('pullActions.pause'), t('pullActions.pauseLabel', { model }), () => api.invoke('models:pullPause', { model }))
  const cancel = button(t('pullActions.cancel'), t('pullActions.cancelLabel', { model }), () => api.invoke('models:pullCancel', { model }))
  const dismiss = button(t('pullActions.dismiss'), t('pullActions.dismissLabel', { model }), async () => onDismiss(model))
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
          {button(...resume, () => api.invoke('models:pullResume', { model }), true)}
          {cancel}
        </>
      )
    case 'failed':
      return (
        <>
          {again(t('pullActions.again'), t('pullActions.againLabel', { model }))}
          {dismiss}
        </>
      )
    case 'cancelled':
      return (
        <>
          {again(...resume)}
          {dismiss}
        </>
      )
    case 'done':
      return dismiss
  }
}

/** One pull main is running (or has finished), with the actions that make sense in its state. */
export function PullRow({ job, onDismiss }: { job: PullJob; onDismiss: (model: string) => void }) {
  const { t } = useTranslation('models')
  const now = useNow(job.state === 'retrying')
  const action = useAction()
  const model = job.model
  const showBar = job.state === 'running' || job.state === 'retrying' || job.state === 'paused'
  return (
    <li className="pull" data-state={job.state}>
      <div className="pull-head">
        <strong>{model}</strong>
        <span className="muted small" data-testid={`pull-status-${model}`}>
          {statusText(job, now, t)}
        </span>
      </div>
      {job.requestedAs && <p className="muted small">{t('pull.renamed', { requested: job.requestedAs, model })}</p>}
      {showBar && (
        <progress className="pull-bar" max={100} value={job.progress.percent ?? 0} aria-label={t('pull.progressLabel', { model })} />
      )}
      {job.state === 'retrying' && job.retryReason && <p className="muted small">{t('pull.lastTry', { reason: job.retryReason })}</p>}
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
        {t(ANNOUNCED[job.state], { model })}
      </span>
    </li>
  )
}
