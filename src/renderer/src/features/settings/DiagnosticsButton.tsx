import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { api } from '../../ipc/client.ts'
import { copyText } from '../../ui/copyText.ts'
import { ErrorNotice } from '../../ui/ErrorNotice.tsx'
import { useAction } from '../../ui/useAction.ts'

/** Copies a report for a bug report: versions, Ollama, settings, recent problems — no secrets, no chat text. */
export function DiagnosticsButton() {
  const { t } = useTranslation('settings')
  const [note, setNote] = useState('')
  const action = useAction()

  const copy = (): void => {
    setNote('')
    void action.run(async () => {
      const { text } = await api.invoke('app:diagnostics', {})
      const copied = await copyText(text)
      setNote(copied.ok ? t('about.diagnosticsCopied') : t('about.copyFailed', { reason: copied.reason }))
    })
  }

  return (
    <div className="form-actions">
      <button type="button" className="button" onClick={copy} disabled={action.busy}>
        {t('about.diagnostics')}
      </button>
      <span role="status" className="muted">
        {note}
      </span>
      {action.error && <ErrorNotice error={action.error} />}
    </div>
  )
}
