import type { SettingsStatus } from '../../../../shared/domain/settings.ts'
import { api } from '../../ipc/client.ts'
import { useInvoke } from '../../ipc/hooks.ts'
import { ErrorNotice } from '../../ui/ErrorNotice.tsx'
import { useNavigation } from '../../ui/navigation.ts'
import { useAction } from '../../ui/useAction.ts'
import { settingLabel } from './settingLabels.ts'
import './settings.css'

function describeReset(fields: string[]): string {
  if (fields.length === 0) return 'It could not be read at all, so every setting is back to its default.'
  const names = fields.map((field) => settingLabel(field) ?? field).join(', ')
  return `${fields.length === 1 ? 'This setting was' : 'These settings were'} not valid and went back to ${fields.length === 1 ? 'its default' : 'their defaults'}: ${names}.`
}

/** Shown above every screen once, when the settings file had to be recovered: what was reset and where the original is. */
export function SettingsNotice({ onSettingsScreen }: { onSettingsScreen: boolean }) {
  const status = useInvoke('settings:status', {})
  const navigation = useNavigation()
  const action = useAction()
  const recovered = status.data?.recovered
  if (!status.data || !recovered) return null
  const dismiss = (): void => void action.run(() => api.invoke('settings:dismissNotice', {})).then((done) => done && status.reload())

  return (
    <section className="notice notice-warn settings-notice" aria-label="Settings were reset">
      <p className="notice-title">Your settings file had a problem. {describeReset(recovered.fields)}</p>
      <p className="notice-hint">
        The original is kept as <code>{recovered.backup}</code> in the data folder, <code>{status.data.dataDir}</code>.
      </p>
      <div className="setup-actions">
        {!onSettingsScreen && (
          <button type="button" className="button button-primary" onClick={() => navigation.go('settings')}>
            Review settings
          </button>
        )}
        <OpenDataFolder status={status.data} />
        <button type="button" className="button" onClick={dismiss} disabled={action.busy}>
          Dismiss
        </button>
      </div>
      {action.error && <ErrorNotice error={action.error} />}
    </section>
  )
}

/** "Open folder" where the host can open one (the desktop app); nothing in a browser. */
export function OpenDataFolder({ status, label = 'Open data folder' }: { status: SettingsStatus; label?: string }) {
  const action = useAction()
  if (!status.canOpenFolder) return null
  return (
    <>
      <button type="button" className="button" onClick={() => void action.run(() => api.invoke('settings:openDataFolder', {}))}>
        {label}
      </button>
      {action.error && <ErrorNotice error={action.error} />}
    </>
  )
}
