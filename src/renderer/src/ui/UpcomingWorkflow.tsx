import { DEFAULT_MODEL } from '../../../shared/domain/models.ts'
import { useInvoke, useLiveValue } from '../ipc/hooks.ts'
import { ScreenHeader } from './ScreenHeader.tsx'

interface Props {
  title: string
  description: string
  steps: string[]
}

/**
 * For a workflow this build cannot run yet: says so plainly, explains what it will do, and
 * checks what it will need so the user can get ready now.
 */
export function UpcomingWorkflow({ title, description, steps }: Props) {
  const status = useLiveValue('ollama:status')
  const models = useInvoke('models:list', {})
  const hasModel = models.data?.some((m) => m.name === DEFAULT_MODEL) ?? false
  return (
    <div className="screen">
      <ScreenHeader title={title} description={description} />
      <p className="notice notice-info" role="note">
        This workflow is not available in this version of Instruct Desk.
      </p>
      <h2>What it will do</h2>
      <ol className="steps">
        {steps.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
      <h2>Getting ready</h2>
      <ul className="checklist">
        <li data-ok={status?.state === 'running'}>{status?.state === 'running' ? '✓' : '✗'} Ollama is running</li>
        <li data-ok={hasModel}>
          {hasModel ? '✓' : '✗'} {DEFAULT_MODEL} is installed
        </li>
      </ul>
    </div>
  )
}
