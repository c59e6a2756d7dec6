import { useId, type ReactElement, type ReactNode } from 'react'

/**
 * A labelled form control with its help text and, when the last save was rejected, the reason
 * beside it. The control receives its id and description through `children(props)`.
 */
export function Field({
  label,
  help,
  error,
  children,
}: {
  label: string
  help?: ReactNode
  error?: string | undefined
  children: (props: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean }) => ReactElement
}) {
  const id = useId()
  const described = [help ? `${id}-help` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ')
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-describedby': described || undefined, 'aria-invalid': error ? true : undefined })}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
      {help && (
        <p id={`${id}-help`} className="muted small">
          {help}
        </p>
      )}
    </div>
  )
}
