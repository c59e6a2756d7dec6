import { useInvoke } from '../../ipc/hooks.ts'
import { ErrorNotice } from '../../ui/ErrorNotice.tsx'

/** What `/api/show` says about one model: the facts a user needs to pick options and prompts. */
export function ModelDetailsPanel({ model }: { model: string }) {
  const details = useInvoke('models:show', { model })
  if (details.error) return <ErrorNotice error={details.error} onRetry={details.reload} />
  const d = details.data
  if (!d) return <p className="muted small">Reading the model’s details…</p>
  return (
    <div className="model-details" aria-label={`Details of ${model}`} role="region">
      <dl className="facts">
        <dt>Context window</dt>
        <dd>{d.contextLength ? `${d.contextLength.toLocaleString()} tokens` : 'not reported'}</dd>
        <dt>Capabilities</dt>
        <dd>{d.capabilities.length > 0 ? d.capabilities.join(', ') : '—'}</dd>
        <dt>Kind</dt>
        <dd>
          {d.kind === 'instruct'
            ? 'Instruct: follows instructions in chat turns'
            : d.kind === 'base'
              ? 'Base: continues text; give it the start of what you want'
              : 'Not stated'}
        </dd>
        {d.license && (
          <>
            <dt>License</dt>
            <dd>{d.license.split('\n')[0]}</dd>
          </>
        )}
      </dl>
      <h3>Parameters</h3>
      {d.parameters.trim() ? (
        <pre className="code-block">{d.parameters.trim()}</pre>
      ) : (
        <p className="muted small">None set by the model.</p>
      )}
      <h3>Prompt template</h3>
      <pre className="code-block">{d.template.trim() || '(none)'}</pre>
    </div>
  )
}
