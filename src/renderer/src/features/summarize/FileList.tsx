import { useTranslation } from 'react-i18next'
import { FileStatusRow } from './FileStatusRow.tsx'
import { isFinished, type BatchFile } from './useSummaryBatch.ts'

/** The batch in progress (or the last one): a row per file, with Cancel while it runs. */
export function FileList({
  files,
  running,
  skipped,
  selectedId,
  onOpen,
  onCancel,
  onClear,
}: {
  files: BatchFile[]
  running: boolean
  skipped: number
  selectedId: string | undefined
  onOpen: (id: string) => void
  onCancel: () => void
  onClear: () => void
}) {
  const { t } = useTranslation('summarize')
  const finished = files.filter((f) => isFinished(f.stage)).length
  return (
    <section className="file-batch" aria-labelledby="file-batch-title">
      <div className="section-head">
        <h2 id="file-batch-title">
          {running ? t('batch.running') : t('batch.last')}{' '}
          <span className="muted small">{t('batch.finished', { finished, count: files.length })}</span>
        </h2>
        {running ? (
          <button type="button" className="button button-danger button-small" onClick={onCancel}>
            {t('batch.cancel')}
          </button>
        ) : (
          <button type="button" className="button button-small" onClick={onClear}>
            {t('batch.clear')}
          </button>
        )}
      </div>
      {skipped > 0 && (
        <p className="notice notice-warn small" role="note">
          {t('batch.skipped', { files: files.length, count: skipped })}
        </p>
      )}
      <ul className="file-list" aria-label={t('batch.list')}>
        {files.map((file) => (
          <FileStatusRow
            key={file.key}
            file={file}
            selected={file.summaryId !== undefined && file.summaryId === selectedId}
            onOpen={onOpen}
          />
        ))}
      </ul>
    </section>
  )
}
