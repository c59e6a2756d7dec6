import { useInvoke } from '../../ipc/hooks.ts'
import { DiagnosticsButton } from './DiagnosticsButton.tsx'
import { SettingsCard } from './SettingsCard.tsx'

/** Which build this is and where it runs, and the report to attach to a bug. */
export function AboutSection() {
  const info = useInvoke('app:info', {})
  return (
    <SettingsCard title="About" description="Which version this is, and a report to attach to a bug report.">
      {info.data && (
        <dl className="facts">
          <dt>Version</dt>
          <dd>{info.data.version}</dd>
          <dt>Running as</dt>
          <dd>
            {info.data.host === 'electron' ? 'Desktop app' : 'Web preview'} on {info.data.platform}
          </dd>
        </dl>
      )}
      <DiagnosticsButton />
    </SettingsCard>
  )
}
