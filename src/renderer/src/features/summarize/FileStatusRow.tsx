import { ErrorText } from '../../ui/ErrorNotice.tsx'
import { formatBytes } from '../../ui/format.ts'
import { formatLabel, progressText } from './labels.ts'
import type { BatchFile, RowStage } from './useSummaryBatch.ts'

/** What a screen reader hears: each change of stage once, never a progress tick. */
const ANNOUNCED: Record<RowStage, string> = {
  loading: 'loading',
  waiting: 'waiting',
  reading: 'reading the text',
  summarizing: 'summarizing',
  done: 'summary ready',
  failed: 'failed',
  cancelled: 'stopped',
}

function statusText(file: BatchFile): string {
  const status = file.status
  switch (file.stage) {
    case 'loading':
      return file.sent === 0 ? 'Waiting to load' : `Loading · ${Math.floor((100 * file.sent) / Math.max(1, file.size))}%`
    case 'waiting':
      // Main reads the next files while the model works on one: once read, it says what it found.
      return status?.format ? ['Read', ...facts(status), 'waiting its turn'].join(' · ') : 'Waiting'
    case 'reading':
      return 'Reading the text…'
    case 'summarizing':
      return status?.progress ? progressText(status.progress) : 'Summarizing…'
    case 'done':
      return ['Done', ...facts(status)].join(' · ')
    case 'failed':
      return 'Failed'
    case 'cancelled':
      return file.summaryId ? 'Stopped · the parts read so far are kept' : 'Stopped'
  }
}

function facts(status: BatchFile['status']): string[] {
  if (!status) return []
  const list: string[] = []
  if (status.format) list.push(formatLabel(status.format))
  if (status.pages) list.push(`${status.pages.toLocaleString()} ${status.pages === 1 ? 'page' : 'pages'}`)
  else if (status.chars) list.push(`${status.chars.toLocaleString()} characters`)
  return list
}

/** A bar while there is a measure of the work: bytes while loading, prompt tokens while summarizing. */
function Bar({ file }: { file: BatchFile }) {
  const progress = file.status?.progress
  if (file.stage === 'loading' && file.sent > 0)
    return <progress className="file-bar" max={file.size} value={file.sent} aria-label={`Loading ${file.name}`} />
  if (file.stage === 'summarizing' && progress && progress.tokensTotal > 0)
    return <progress className="file-bar" max={progress.tokensTotal} value={progress.tokensDone} aria-label={`Summarizing ${file.name}`} />
  if (file.stage === 'reading' || file.stage === 'summarizing') return <progress className="file-bar" aria-label={`Reading ${file.name}`} />
  return null
}

/** One file of the batch: its stage in words and as a bar, its error with what to do, and its summary once there is one. */
export function FileStatusRow({ file, selected, onOpen }: { file: BatchFile; selected: boolean; onOpen: (id: string) => void }) {
  const summaryId = file.summaryId
  return (
    <li className="file-row" data-stage={file.stage}>
      <div className="file-head">
        <span className="file-name">{file.name}</span>
        <span className="muted small file-size">{formatBytes(file.size)}</span>
        <span className="file-status small" data-testid="file-status">
          {statusText(file)}
        </span>
        {summaryId && (
          <button
            type="button"
            className="button button-small"
            aria-label={`Open the summary of ${file.name}`}
            aria-pressed={selected}
            onClick={() => onOpen(summaryId)}
          >
            {selected ? 'Shown' : 'Open'}
          </button>
        )}
      </div>
      <Bar file={file} />
      {file.error && file.stage === 'failed' && (
        <div className="notice notice-error file-error">
          <ErrorText error={file.error} />
        </div>
      )}
      <span className="visually-hidden" role="status">
        {file.name}: {ANNOUNCED[file.stage]}
      </span>
    </li>
  )
}
