import type { TFunction } from 'i18next'
import { useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { SchemaCheck } from '../../../../shared/domain/jsonJobs.ts'
import type { JsonSchemaObject } from '../../../../shared/domain/jsonRepair.ts'
import type { ErrorInfo } from '../../../../shared/ipc/errors.ts'
import { api, errorInfoOf } from '../../ipc/client.ts'

/** Long enough that typing does not send a check per key, short enough to feel immediate. */
const CHECK_DELAY_MS = 300

export type SchemaStatus =
  | { state: 'empty' }
  | { state: 'checking'; schema: JsonSchemaObject }
  | { state: 'valid'; schema: JsonSchemaObject; check: SchemaCheck }
  | { state: 'invalid'; error: Pick<ErrorInfo, 'message' | 'hint'> }

type Checked = { text: string; check: SchemaCheck } | { text: string; error: ErrorInfo }

type Parsed = { schema: JsonSchemaObject } | { error: Pick<ErrorInfo, 'message' | 'hint'> } | undefined

/** What the editor holds, read as JSON here: a typo is reported at once, without asking main. */
function parseSchemaText(text: string, t: TFunction<'json'>): Parsed {
  if (!text.trim()) return undefined
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    return { error: { message: t('schema.notJson', { reason: (error as Error).message }) } }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { error: { message: t('schema.notObject') } }
  }
  return { schema: value as JsonSchemaObject }
}

/** The schema in the editor, checked by main (ajv compiles it) shortly after the user stops typing. */
export function useSchemaCheck(text: string): SchemaStatus {
  const { t } = useTranslation('json')
  const parsed = useMemo(() => parseSchemaText(text, t), [text, t])
  const [checked, setChecked] = useState<Checked>()

  useEffect(() => {
    if (!parsed || !('schema' in parsed)) return
    let current = true
    const timer = setTimeout(() => {
      api.invoke('json:checkSchema', { schema: parsed.schema }).then(
        (check) => current && setChecked({ text, check }),
        (error: unknown) => current && setChecked({ text, error: errorInfoOf(error) }),
      )
    }, CHECK_DELAY_MS)
    return () => {
      current = false
      clearTimeout(timer)
    }
  }, [parsed, text])

  if (!parsed) return { state: 'empty' }
  if ('error' in parsed) return { state: 'invalid', error: parsed.error }
  if (checked?.text !== text) return { state: 'checking', schema: parsed.schema }
  if ('error' in checked) return { state: 'invalid', error: checked.error }
  return { state: 'valid', schema: parsed.schema, check: checked.check }
}
