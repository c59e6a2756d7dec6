import { useId, useRef, useState, type DragEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { droppedFiles } from './droppedFiles.ts'
import { MAX_BATCH_FILES } from './useSummaryBatch.ts'

const hasFiles = (event: DragEvent): boolean => event.dataTransfer.types.includes('Files')

/**
 * Where documents are dropped, highlighted while something is dragged over it; it is also the
 * button that opens the file picker, so it works from the keyboard.
 */
export function DropZone({ onFiles, onPick }: { onFiles: (files: File[]) => void; onPick: () => void }) {
  const { t } = useTranslation('summarize')
  const [dragging, setDragging] = useState(false)
  // Entering a child fires dragenter before the parent's dragleave: count, so the highlight does not flicker.
  const depth = useRef(0)
  const formatsId = useId()

  const onDragEnter = (event: DragEvent): void => {
    if (!hasFiles(event)) return
    depth.current += 1
    setDragging(true)
  }
  const onDragLeave = (): void => {
    depth.current = Math.max(0, depth.current - 1)
    if (depth.current === 0) setDragging(false)
  }
  const onDragOver = (event: DragEvent): void => {
    if (!hasFiles(event)) return
    event.preventDefault()
    event.dataTransfer.dropEffect = 'copy'
  }
  const onDrop = (event: DragEvent): void => {
    depth.current = 0
    setDragging(false)
    if (!hasFiles(event)) return
    // Taken here: the window's own drop handler leaves prevented drops alone.
    event.preventDefault()
    void droppedFiles(event.dataTransfer).then((files) => files.length > 0 && onFiles(files))
  }

  return (
    <div
      className="drop-zone"
      data-dragging={dragging || undefined}
      onDragEnter={onDragEnter}
      onDragLeave={onDragLeave}
      onDragOver={onDragOver}
      onDrop={onDrop}
    >
      <button type="button" className="drop-zone-button" aria-describedby={formatsId} onClick={onPick}>
        <svg className="drop-zone-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path d="M12 15V4M7.5 8.5 12 4l4.5 4.5M5 14v5h14v-5" />
        </svg>
        <span className="drop-zone-title">{dragging ? t('drop.drop') : t('drop.prompt')}</span>
        <span className="drop-zone-pick">{t('drop.pick')}</span>
      </button>
      <p id={formatsId} className="muted small drop-zone-formats">
        {t('drop.formats', { max: MAX_BATCH_FILES })}
      </p>
    </div>
  )
}
