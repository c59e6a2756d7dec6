import { UpcomingWorkflow } from '../../ui/UpcomingWorkflow.tsx'

export function JsonRepairScreen() {
  return (
    <UpcomingWorkflow
      title="JSON"
      description="Turn messy model output into JSON that validates against your schema."
      steps={[
        'Extracts JSON from prose and code fences and repairs broken syntax without a model.',
        'Coerces values to fit the schema, then asks the local model only if still needed.',
        'Shows exactly what changed and why — or why the text cannot be made valid.',
      ]}
    />
  )
}
