import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { shortcutList } from './shortcuts.ts'
import { useModalDialog } from './useModalDialog.ts'

/** The keyboard shortcuts, listed; Esc or Close dismisses it and focus goes back where it was. */
export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('shell')
  const id = useId()
  const dialogRef = useModalDialog()

  return (
    <dialog ref={dialogRef} className="dialog shortcuts-dialog" aria-labelledby={`${id}-title`} onClose={onClose}>
      <div className="library-head">
        <h2 id={`${id}-title`}>{t('shortcuts.title')}</h2>
        <button type="button" className="button button-small" onClick={onClose} aria-label={t('shortcuts.closeLabel')}>
          {t('shortcuts.close')}
        </button>
      </div>
      <dl className="shortcut-list">
        {shortcutList(t).map((s) => (
          <div key={s.keys} className="shortcut-row">
            <dt>
              <kbd>{s.keys}</kbd>
            </dt>
            <dd>{s.what}</dd>
          </div>
        ))}
      </dl>
    </dialog>
  )
}
