import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { InferSchema } from './InferSchema.tsx'
import { SchemaEditor } from './SchemaEditor.tsx'
import { SchemaLibraryPicker } from './SchemaLibraryPicker.tsx'
import type { SchemaWorkspace } from './useSchemaWorkspace.ts'

/** The schema side of the workbench: the library, the editor and inference from a sample. */
export function SchemaPane({ workspace, input }: { workspace: SchemaWorkspace; input: string }) {
  const { t } = useTranslation('json')
  const id = useId()
  return (
    <section className="json-pane" aria-labelledby={id}>
      <div className="json-pane-head">
        <h2 id={id}>{t('schema.title')}</h2>
      </div>
      <SchemaLibraryPicker workspace={workspace} />
      <SchemaEditor text={workspace.text} status={workspace.status} onText={workspace.edit} />
      <InferSchema input={input} onSchema={workspace.load} />
    </section>
  )
}
