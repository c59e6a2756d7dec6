import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { ErrorText } from '../../ui/ErrorNotice.tsx'
import type { SchemaStatus } from './useSchemaCheck.ts'

/** The dialects' own names, the same in every language. */
const DIALECT_WORDS = { '2020-12': 'JSON Schema 2020-12', '2019-09': 'JSON Schema 2019-09', 'draft-07': 'JSON Schema draft-07' } as const

/** What the check says about the schema, in one polite live line under the editor. */
function SchemaVerdict({ status, id }: { status: SchemaStatus; id: string }) {
  const { t } = useTranslation('json')
  return (
    <div id={id} className="json-verdict" aria-live="polite" data-state={status.state}>
      {status.state === 'empty' && <p className="muted small">{t('schema.empty')}</p>}
      {status.state === 'checking' && <p className="muted small">{t('schema.checking')}</p>}
      {status.state === 'valid' && (
        <>
          <p className="small ok-text">{t('schema.valid', { dialect: DIALECT_WORDS[status.check.dialect] })}</p>
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
  const { t } = useTranslation('json')
  const id = useId()
  return (
    <div className="json-schema-editor">
      <label htmlFor={id} className="visually-hidden">
        {t('schema.label')}
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
