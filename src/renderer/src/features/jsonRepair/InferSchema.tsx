import { useId, useState } from 'react'
import { api } from '../../ipc/client.ts'
import { ErrorNotice } from '../../ui/ErrorNotice.tsx'
import { useAction } from '../../ui/useAction.ts'
import { prettySchema } from './useSchemaWorkspace.ts'

/** A schema written from an example: a pasted sample, or the input text when no sample is given. */
export function InferSchema({ input, onSchema }: { input: string; onSchema(text: string): void }) {
  const id = useId()
  const [sample, setSample] = useState('')
  const [note, setNote] = useState('')
  const action = useAction()
  const source = sample.trim() ? sample : input

  const infer = async (): Promise<void> => {
    setNote('')
    const ok = await action.run(async () => onSchema(prettySchema(await api.invoke('json:inferSchema', { json: source }))))
    if (ok) setNote(`Schema inferred from ${sample.trim() ? 'the sample' : 'the input'}: check it, then save it if you will use it again.`)
  }

  return (
    <details className="json-infer">
      <summary>Infer a schema from a JSON sample</summary>
      <label htmlFor={id} className="small">
        JSON sample
      </label>
      <textarea
        id={id}
        className="json-code"
        rows={4}
        spellCheck={false}
        value={sample}
        onChange={(e) => setSample(e.target.value)}
        placeholder={input.trim() ? 'Leave empty to use the input text' : 'Paste an example of the JSON you want'}
      />
      <div className="form-actions">
        <button type="button" className="button button-small" onClick={() => void infer()} disabled={!source.trim() || action.busy}>
          {action.busy ? 'Inferring…' : 'Infer schema'}
        </button>
        <span className="muted small" role="status">
          {note}
        </span>
      </div>
      {action.error && <ErrorNotice error={action.error} />}
    </details>
  )
}
