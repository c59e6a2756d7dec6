import { useEffect, useRef } from 'react'
import { api } from '../../ipc/client.ts'
import { ErrorNotice } from '../../ui/ErrorNotice.tsx'
import { useAction } from '../../ui/useAction.ts'

/** Confirms putting every setting back to its default; keys and tokens are not settings and stay. */
export function ResetDialog({ onClose }: { onClose: (reset: boolean) => void }) {
  const ref = useRef<HTMLDialogElement>(null)
  const { run, busy, error } = useAction()

  useEffect(() => {
    const dialog = ref.current
    dialog?.showModal()
    return () => dialog?.close()
  }, [])

  const reset = async (): Promise<void> => {
    if (await run(() => api.invoke('settings:reset', {}))) onClose(true)
  }

  return (
    <dialog ref={ref} className="dialog" aria-labelledby="reset-settings-title" onCancel={() => onClose(false)}>
      <h2 id="reset-settings-title">Reset all settings?</h2>
      <p>
        Every setting on this page goes back to its default: the Ollama address and headers, how Ollama runs, the default model and options
        for new chats, the document and JSON defaults, theme and language.
      </p>
      <p>The access token and the Anthropic API key are kept, and so are your chats, summaries and saved prompts.</p>
      {error && <ErrorNotice error={error} />}
      <div className="dialog-actions">
        <button type="button" className="button" onClick={() => onClose(false)} autoFocus>
          Cancel
        </button>
        <button type="button" className="button button-danger" onClick={() => void reset()} disabled={busy}>
          {busy ? 'Resetting…' : 'Reset settings'}
        </button>
      </div>
    </dialog>
  )
}
