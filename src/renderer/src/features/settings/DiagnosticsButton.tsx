import { useState } from 'react'
import { api } from '../../ipc/client.ts'
import { copyText } from '../../ui/copyText.ts'
import { ErrorNotice } from '../../ui/ErrorNotice.tsx'
import { useAction } from '../../ui/useAction.ts'

/** Copies a report for a bug report: versions, Ollama, settings, recent problems — no secrets, no chat text. */
export function DiagnosticsButton() {
  const [note, setNote] = useState('')
  const action = useAction()

  const copy = (): void => {
    setNote('')
    void action.run(async () => {
      const { text } = await api.invoke('app:diagnostics', {})
      const copied = await copyText(text)
      setNote(copied.ok ? 'Diagnostics copied: paste them into your report.' : `Could not copy: ${copied.reason}`)
    })
  }

  return (
    <div className="form-actions">
      <button type="button" className="button" onClick={copy} disabled={action.busy}>
        Copy diagnostics
      </button>
      <span role="status" className="muted">
        {note}
      </span>
      {action.error && <ErrorNotice error={action.error} />}
    </div>
  )
}
