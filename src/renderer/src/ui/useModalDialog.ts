import { useEffect, useRef, type RefObject } from 'react'

/**
 * A `<dialog>` shown modal for as long as the component is mounted: the page behind it is inert,
 * Esc closes it and focus stays inside. A caller that wants another first focus than the dialog's
 * first control moves it in an effect declared after this hook (effects run in order).
 */
export function useModalDialog(): RefObject<HTMLDialogElement | null> {
  const ref = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    const dialog = ref.current
    dialog?.showModal()
    return () => dialog?.close()
  }, [])
  return ref
}
