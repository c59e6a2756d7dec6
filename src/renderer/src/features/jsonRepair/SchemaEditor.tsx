import { useId } from 'react'
import { ErrorText } from '../../ui/ErrorNotice.tsx'
import type { SchemaStatus } from './useSchemaCheck.ts'

const DIALECT_WORDS = { '2020-12': 'JSON Schema 2020-12', '2019-09': 'JSON Schema 2019-09', 'draft-07': 'JSON Schema draft-07' } as const

/** What the check says about the schema, in one polite live line under the editor. */
function SchemaVerdict({ status, id }: { status: SchemaStatus; id: string }) {
  return (
    <div id={id} className="json-verdict" aria-live="polite" data-state={status.state}>
      {status.state === 'empty' && <p className="muted small">Pick a schema above, or write one here.</p>}
      {status.state === 'checking' && <p className="muted small">Checking the schema…</p>}
      {status.state === 'valid' && (
        <>
          <p className="small ok-text">Valid {DIALECT_WORDS[status.check.dialect]}</p>
          {status.check.warnings.map((warning) => (
            <p key={warning} className="small json-warning">
              {warning}
            </p>
          ))}
        </>
      )}
      {status.state === 'invalid' && (
        <div className="notice notice-error small">
          <ErrorText error={status.error} />
        </div>
      )}
    </div>
  )
}

/** The schema as text, checked as the user types. */
export function SchemaEditor({ text, status, onText }: { text: string; status: SchemaStatus; onText(text: string): void }) {
  const id = useId()
  return (
    <div className="json-schema-editor">
      <label htmlFor={id} className="visually-hidden">
        JSON Schema
      </label>
      <textarea
        id={id}
        className="json-code"
        rows={14}
        spellCheck={false}
        value={text}
        onChange={(e) => onText(e.target.value)}
        aria-invalid={status.state === 'invalid' || undefined}
        aria-describedby={`${id}-verdict`}
      />
      <SchemaVerdict status={status} id={`${id}-verdict`} />
    </div>
  )
}
