import { useId, useState, type DragEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { DEFAULT_REPAIR_LIMITS } from '../../../../shared/domain/jsonRepair.ts'
import { FileButton } from '../../ui/FileButton.tsx'
import { readTextFile } from './readTextFile.ts'

/** The text to repair: typed, pasted, opened or dropped (a text file's contents replace the text). */
export function InputPane({ text, onText }: { text: string; onText(text: string): void }) {
  const { t } = useTranslation('json')
  const id = useId()
  const [note, setNote] = useState('')
  const [dragging, setDragging] = useState(false)

  const open = async (file: File | undefined): Promise<void> => {
    if (!file) return
    try {
      onText(await readTextFile(file, DEFAULT_REPAIR_LIMITS.maxInputBytes))
      setNote(t('input.opened', { name: file.name }))
    } catch (error) {
      setNote((error as Error).message)
    }
  }
  const onDragOver = (event: DragEvent): void => {
    if (!event.dataTransfer.types.includes('Files')) return
    event.preventDefault()
    setDragging(true)
  }
  // Taken here, so the app does not treat the file as a document to summarize.
  const onDrop = (event: DragEvent): void => {
    setDragging(false)
    if (event.dataTransfer.files.length === 0) return
    event.preventDefault()
    void open(event.dataTransfer.files[0])
  }

  return (
    <section className="json-pane" aria-labelledby={`${id}-title`}>
      <div className="json-pane-head">
        <h2 id={`${id}-title`}>{t('input.title')}</h2>
        <FileButton
          label={t('input.open')}
          className="button button-small"
          accept=".json,.jsonl,.ndjson,.txt,.md,.csv,text/*,application/json"
          onFile={(file) => void open(file)}
        />
      </div>
      <div
        className="json-drop"
        data-dragging={dragging || undefined}
        onDragOver={onDragOver}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <label htmlFor={id} className="visually-hidden">
          {t('input.label')}
        </label>
        <textarea
          id={id}
          className="json-code"
          rows={14}
          spellCheck={false}
          value={text}
          placeholder={t('input.placeholder')}
          onChange={(e) => onText(e.target.value)}
        />
      </div>
      <p className="json-pane-foot muted small">
        <span role="status">{note}</span>
        <span>{text ? t('counts.character', { count: text.length }) : ''}</span>
      </p>
    </section>
  )
}
