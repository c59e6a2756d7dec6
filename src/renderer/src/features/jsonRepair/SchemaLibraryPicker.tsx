import { useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { SavedSchema } from '../../../../shared/domain/jsonJobs.ts'
import { api } from '../../ipc/client.ts'
import { ErrorNotice } from '../../ui/ErrorNotice.tsx'
import { useAction } from '../../ui/useAction.ts'
import type { SchemaWorkspace } from './useSchemaWorkspace.ts'

/** The saved schemas: built-in examples and the user's own, to pick from, save to and delete from. */
export function SchemaLibraryPicker({ workspace }: { workspace: SchemaWorkspace }) {
  const { t } = useTranslation('json')
  const id = useId()
  const { library, picked, status } = workspace
  const [naming, setNaming] = useState<string>()
  const [note, setNote] = useState('')
  const action = useAction()
  const list = library.data ?? []
  const examples = list.filter((s) => s.builtIn)
  const own = list.filter((s) => !s.builtIn)

  const choose = (schemaId: string): void => {
    setNote('')
    workspace.pick(list.find((s) => s.id === schemaId))
  }
  const save = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    const name = naming?.trim()
    if (!name || !('schema' in status)) return
    let saved: SavedSchema | undefined
    const ok = await action.run(async () => {
      saved = await api.invoke('schemas:save', { name, schema: status.schema })
    })
    if (!ok || !saved) return
    setNaming(undefined)
    setNote(t('library.savedAs', { name: saved.name }))
    workspace.pick(saved)
    library.reload()
  }
  const remove = async (schema: SavedSchema): Promise<void> => {
    if (!(await action.run(() => api.invoke('schemas:delete', { id: schema.id })))) return
    setNote(t('library.deleted', { name: schema.name }))
    workspace.pick(undefined)
    library.reload()
  }

  return (
    <div className="json-library">
      <div className="json-library-row">
        <label htmlFor={id} className="inline-label">
          {t('library.saved')}
        </label>
        <select id={id} value={picked?.id ?? ''} onChange={(e) => choose(e.target.value)} disabled={list.length === 0}>
          {!picked && <option value="">{library.loading ? t('library.loading') : t('library.notSaved')}</option>}
          {examples.length > 0 && (
            <optgroup label={t('library.examples')}>
              {examples.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </optgroup>
          )}
          {own.length > 0 && (
            <optgroup label={t('library.yours')}>
              {own.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </optgroup>
          )}
        </select>
        <button
          type="button"
          className="button button-small"
          onClick={() => setNaming(picked && !picked.builtIn ? picked.name : '')}
          disabled={!('schema' in status) || naming !== undefined}
        >
          {t('library.saveAs')}
        </button>
        {picked && !picked.builtIn && (
          <button
            type="button"
            className="button button-small button-danger"
            onClick={() => void remove(picked)}
            disabled={action.busy}
            aria-label={t('library.deleteLabel', { name: picked.name })}
          >
            {t('library.delete')}
          </button>
        )}
      </div>
      {workspace.edited && <p className="muted small">{t('library.edited')}</p>}
      {naming !== undefined && (
        <form className="json-library-row" onSubmit={(e) => void save(e)}>
          <label htmlFor={`${id}-name`} className="inline-label">
            {t('library.name')}
          </label>
          <input id={`${id}-name`} value={naming} onChange={(e) => setNaming(e.target.value)} maxLength={120} autoFocus />
          <button type="submit" className="button button-small button-primary" disabled={!naming.trim() || action.busy}>
            {t('library.save')}
          </button>
          <button type="button" className="button button-small" onClick={() => setNaming(undefined)}>
            {t('library.cancel')}
          </button>
        </form>
      )}
      <p className="muted small" role="status">
        {note}
      </p>
      {library.error && <ErrorNotice error={library.error} onRetry={library.reload} />}
      {action.error && <ErrorNotice error={action.error} />}
    </div>
  )
}
