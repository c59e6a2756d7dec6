import { useId, type ReactNode } from 'react'
import { ErrorNotice } from './ErrorNotice.tsx'
import { useAction } from './useAction.ts'
import { useModalDialog } from './useModalDialog.ts'

interface ConfirmDialogProps {
  title: string
  children: ReactNode
  cancelLabel: string
  confirmLabel: string
  /** Shown on the confirm button while `onConfirm` runs. */
  busyLabel: string
  /** Runs on confirm; its failure is shown in the dialog, which stays open. */
  onConfirm(): Promise<unknown>
  /** `true` once `onConfirm` succeeded; `false` on Cancel or Esc. */
  onClose(confirmed: boolean): void
}

/**
 * A modal question before something that cannot be undone or that sends data elsewhere: Cancel has
 * the focus, so Enter never confirms by accident.
 */
export function ConfirmDialog({ title, children, cancelLabel, confirmLabel, busyLabel, onConfirm, onClose }: ConfirmDialogProps) {
  const ref = useModalDialog()
  const titleId = useId()
  const { run, busy, error } = useAction()
  const confirm = async (): Promise<void> => {
    if (await run(onConfirm)) onClose(true)
  }

  return (
    <dialog ref={ref} className="dialog" aria-labelledby={titleId} onCancel={() => onClose(false)}>
      <h2 id={titleId}>{title}</h2>
      {children}
      {error && <ErrorNotice error={error} />}
      <div className="dialog-actions">
        <button type="button" className="button" onClick={() => onClose(false)} autoFocus>
          {cancelLabel}
        </button>
        <button type="button" className="button button-danger" onClick={() => void confirm()} disabled={busy}>
          {busy ? busyLabel : confirmLabel}
        </button>
      </div>
    </dialog>
  )
}
