import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { api } from '../../ipc/client.ts'
import { ErrorNotice } from '../../ui/ErrorNotice.tsx'
import { useAction } from '../../ui/useAction.ts'
import { prettySchema } from './useSchemaWorkspace.ts'

/** A schema written from an example: a pasted sample, or the input text when no sample is given. */
export function InferSchema({ input, onSchema }: { input: string; onSchema(text: string): void }) {
  const { t } = useTranslation('json')
  const id = useId()
  const [sample, setSample] = useState('')
  const [note, setNote] = useState('')
  const action = useAction()
  const source = sample.trim() ? sample : input

  const infer = async (): Promise<void> => {
    setNote('')
    const ok = await action.run(async () => onSchema(prettySchema(await api.invoke('json:inferSchema', { json: source }))))
    if (ok) setNote(sample.trim() ? t('infer.fromSample') : t('infer.fromInput'))
  }

  return (
    <details className="json-infer">
      <summary>{t('infer.summary')}</summary>
      <label htmlFor={id} className="small">
        {t('infer.sample')}
      </label>
      <textarea
        id={id}
        className="json-code"
        rows={4}
        spellCheck={false}
        value={sample}
        onChange={(e) => setSample(e.target.value)}
        placeholder={input.trim() ? t('infer.useInput') : t('infer.pasteSample')}
      />
      <div className="form-actions">
        <button type="button" className="button button-small" onClick={() => void infer()} disabled={!source.trim() || action.busy}>
          {action.busy ? t('infer.inferring') : t('infer.infer')}
        </button>
        <span className="muted small" role="status">
          {note}
        </span>
      </div>
      {action.error && <ErrorNotice error={action.error} />}
    </details>
  )
}
