import { useRef } from 'react'

/** A button that opens the system's file picker: the input stays out of the tab order and out of sight. */
export function FileButton({
  label,
  accept,
  className = 'button',
  onFile,
}: {
  label: string
  accept: string
  className?: string
  onFile(file: File): void
}) {
  const picker = useRef<HTMLInputElement>(null)
  return (
    <>
      <button type="button" className={className} onClick={() => picker.current?.click()}>
        {label}
      </button>
      <input
        ref={picker}
        type="file"
        className="visually-hidden"
        tabIndex={-1}
        aria-hidden="true"
        accept={accept}
        onChange={(e) => {
          const file = e.target.files?.[0]
          e.target.value = ''
          if (file) onFile(file)
        }}
      />
    </>
  )
}
