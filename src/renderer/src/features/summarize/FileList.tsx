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
  const finished = files.filter((f) => isFinished(f.stage)).length
  return (
    <section className="file-batch" aria-labelledby="file-batch-title">
      <div className="section-head">
        <h2 id="file-batch-title">
          {running ? 'Summarizing' : 'Last batch'}{' '}
          <span className="muted small">
            {finished} of {files.length} {files.length === 1 ? 'file' : 'files'} finished
          </span>
        </h2>
        {running ? (
          <button type="button" className="button button-danger button-small" onClick={onCancel}>
            Cancel
          </button>
        ) : (
          <button type="button" className="button button-small" onClick={onClear}>
            Clear
          </button>
        )}
      </div>
      {skipped > 0 && (
        <p className="notice notice-warn small" role="note">
          Only the first {files.length} files are summarized at once; {skipped} more were left out. Drop them again when this batch is done.
        </p>
      )}
      <ul className="file-list" aria-label="Files in this batch">
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
