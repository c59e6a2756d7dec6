import { useId, useRef, useState, type DragEvent } from 'react'
import { DEFAULT_REPAIR_LIMITS } from '../../../../shared/domain/jsonRepair.ts'
import { readTextFile } from './readTextFile.ts'

/** The text to repair: typed, pasted, opened or dropped (a text file's contents replace the text). */
export function InputPane({ text, onText }: { text: string; onText(text: string): void }) {
  const id = useId()
  const picker = useRef<HTMLInputElement>(null)
  const [note, setNote] = useState('')
  const [dragging, setDragging] = useState(false)

  const open = async (file: File | undefined): Promise<void> => {
    if (!file) return
    try {
      onText(await readTextFile(file, DEFAULT_REPAIR_LIMITS.maxInputBytes))
      setNote(`Opened ${file.name}.`)
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
        <h2 id={`${id}-title`}>Input</h2>
        <button type="button" className="button button-small" onClick={() => picker.current?.click()}>
          Open file…
        </button>
        <input
          ref={picker}
          type="file"
          className="visually-hidden"
          tabIndex={-1}
          aria-hidden="true"
          accept=".json,.jsonl,.ndjson,.txt,.md,.csv,text/*,application/json"
          onChange={(e) => {
            void open(e.target.files?.[0])
            e.target.value = ''
          }}
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
          Text to repair
        </label>
        <textarea
          id={id}
          className="json-code"
          rows={14}
          spellCheck={false}
          value={text}
          placeholder="Paste a model’s answer, or drop a text file here. The JSON in it may be fenced, surrounded by prose, or broken."
          onChange={(e) => onText(e.target.value)}
        />
      </div>
      <p className="json-pane-foot muted small">
        <span role="status">{note}</span>
        <span>{text ? `${text.length.toLocaleString()} characters` : ''}</span>
      </p>
    </section>
  )
}
