import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { formatBytes } from '../../i18n/format.ts'
import { ErrorText } from '../../ui/ErrorNotice.tsx'
import { formatLabel, progressText } from './labels.ts'
import type { BatchFile, RowStage } from './useSummaryBatch.ts'

type T = TFunction<'summarize'>

/** What a screen reader hears: each change of stage once, never a progress tick. */
const ANNOUNCED = {
  loading: 'file.announced.loading',
  waiting: 'file.announced.waiting',
  reading: 'file.announced.reading',
  summarizing: 'file.announced.summarizing',
  done: 'file.announced.done',
  failed: 'file.announced.failed',
  cancelled: 'file.announced.cancelled',
} as const satisfies Record<RowStage, string>

function statusText(file: BatchFile, t: T): string {
  const status = file.status
  switch (file.stage) {
    case 'loading':
      return file.sent === 0
        ? t('file.waitingToLoad')
        : t('file.loading', { percent: Math.floor((100 * file.sent) / Math.max(1, file.size)) })
    case 'waiting':
      // Main reads the next files while the model works on one: once read, it says what it found.
      return status?.format ? [t('file.read'), ...facts(status, t), t('file.waitingTurn')].join(' · ') : t('file.waiting')
    case 'reading':
      return t('file.reading')
    case 'summarizing':
      return status?.progress ? progressText(status.progress, t) : t('file.summarizing')
    case 'done':
      return [t('file.done'), ...facts(status, t)].join(' · ')
    case 'failed':
      return t('file.failed')
    case 'cancelled':
      return file.summaryId ? t('file.stoppedKept') : t('file.stopped')
  }
}

function facts(status: BatchFile['status'], t: T): string[] {
  if (!status) return []
  const list: string[] = []
  if (status.format) list.push(formatLabel(status.format, t))
  if (status.pages) list.push(t('counts.page', { count: status.pages }))
  else if (status.chars) list.push(t('counts.character', { count: status.chars }))
  return list
}

/** A bar while there is a measure of the work: bytes while loading, prompt tokens while summarizing. */
function Bar({ file, t }: { file: BatchFile; t: T }) {
  const progress = file.status?.progress
  const name = file.name
  if (file.stage === 'loading' && file.sent > 0)
    return <progress className="file-bar" max={file.size} value={file.sent} aria-label={t('file.loadingBar', { name })} />
  if (file.stage === 'summarizing' && progress && progress.tokensTotal > 0)
    return (
      <progress
        className="file-bar"
        max={progress.tokensTotal}
        value={progress.tokensDone}
        aria-label={t('file.summarizingBar', { name })}
      />
    )
  if (file.stage === 'reading' || file.stage === 'summarizing')
    return <progress className="file-bar" aria-label={t('file.readingBar', { name })} />
  return null
}

/** One file of the batch: its stage in words and as a bar, its error with what to do, and its summary once there is one. */
export function FileStatusRow({ file, selected, onOpen }: { file: BatchFile; selected: boolean; onOpen: (id: string) => void }) {
  const { t } = useTranslation('summarize')
  const summaryId = file.summaryId
  return (
    <li className="file-row" data-stage={file.stage}>
      <div className="file-head">
        <span className="file-name">{file.name}</span>
        <span className="muted small file-size">{formatBytes(file.size)}</span>
        <span className="file-status small" data-testid="file-status">
          {statusText(file, t)}
        </span>
        {summaryId && (
          <button
            type="button"
            className="button button-small"
            aria-label={t('file.openLabel', { name: file.name })}
            aria-pressed={selected}
            onClick={() => onOpen(summaryId)}
          >
            {selected ? t('file.shown') : t('file.open')}
          </button>
        )}
      </div>
      <Bar file={file} t={t} />
      {file.error && file.stage === 'failed' && (
        <div className="notice notice-error file-error">
          <ErrorText error={file.error} />
        </div>
      )}
      <span className="visually-hidden" role="status">
        {t('file.announce', { name: file.name, stage: t(ANNOUNCED[file.stage]) })}
      </span>
    </li>
  )
}
