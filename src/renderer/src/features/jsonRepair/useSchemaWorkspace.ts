import { useState } from 'react'
import type { SavedSchema } from '../../../../shared/domain/jsonJobs.ts'
import { useInvoke, type Query } from '../../ipc/hooks.ts'
import { useSchemaCheck, type SchemaStatus } from './useSchemaCheck.ts'

export interface SchemaWorkspace {
  library: Query<SavedSchema[]>
  /** The editor's text. */
  text: string
  /** The library entry the text came from, if any. */
  picked: SavedSchema | undefined
  /** The text no longer matches the picked entry. */
  edited: boolean
  status: SchemaStatus
  edit(text: string): void
  pick(schema: SavedSchema | undefined): void
  /** New text that is in no library entry, such as an inferred schema. */
  load(text: string): void
}

export function prettySchema(schema: SavedSchema['schema']): string {
  return JSON.stringify(schema, null, 2)
}

/**
 * The schema every mode runs against: the library, the editor's text and its check. Until the user
 * picks or types, the editor shows the library's first example, so there is always something to run.
 */
export function useSchemaWorkspace(): SchemaWorkspace {
  const library = useInvoke('schemas:list', {})
  const [chosen, setChosen] = useState<{ text: string; pickedId: string | undefined }>()
  const first = library.data?.[0]
  const pickedId = chosen ? chosen.pickedId : first?.id
  const text = chosen ? chosen.text : first ? prettySchema(first.schema) : ''
  const picked = library.data?.find((s) => s.id === pickedId)
  const status = useSchemaCheck(text)
  return {
    library,
    text,
    picked,
    edited: picked !== undefined && prettySchema(picked.schema) !== text,
    status,
    edit: (next) => setChosen({ text: next, pickedId }),
    pick: (schema) => setChosen(schema ? { text: prettySchema(schema.schema), pickedId: schema.id } : { text, pickedId: undefined }),
    load: (next) => setChosen({ text: next, pickedId: undefined }),
  }
}
