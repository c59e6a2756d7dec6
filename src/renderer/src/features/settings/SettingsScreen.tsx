import { useInvoke } from '../../ipc/hooks.ts'
import { ErrorNotice } from '../../ui/ErrorNotice.tsx'
import { ScreenHeader } from '../../ui/ScreenHeader.tsx'
import { AboutSection } from './AboutSection.tsx'
import { AppearanceSection } from './AppearanceSection.tsx'
import { DataSection } from './DataSection.tsx'
import { SecretField } from './SecretField.tsx'
import { SettingsForm } from './SettingsForm.tsx'
import { useLiveSettings } from './useLiveSettings.ts'
import './settings.css'

export function SettingsScreen() {
  const settings = useInvoke('settings:get', {})
  const live = useLiveSettings()
  const status = useInvoke('settings:status', {})
  const secrets = useInvoke('secrets:status', {})
  const newer = status.data?.newerFile
  const unopened = status.data?.unopenedFile
  const readOnly = newer
    ? `Saving is off: the settings file belongs to a newer version of Instruct Desk (settings version ${newer.version}).`
    : unopened
      ? `Saving is off: the settings file could not be opened (${unopened.reason}).`
      : undefined
  // After an import or a reset every field has a new value: the form starts again from them.
  const replaced = (): void => {
    settings.reload()
    status.reload()
  }

  return (
    <div className="screen settings-screen">
      <ScreenHeader
        title="Settings"
        description="How Instruct Desk looks, where it finds Ollama and how it runs it, and what new chats, summaries and JSON runs start with."
      />
      {newer && (
        <div className="notice notice-warn" role="status">
          <p className="notice-title">These settings were saved by a newer version of Instruct Desk.</p>
          <p className="notice-hint">
            Its settings file (version {newer.version}; this version reads up to {status.data?.version}) is left untouched, and this version
            uses what it understands of it. To change settings here, reset them or import a file below: the newer file is kept as a copy.
          </p>
        </div>
      )}
      {unopened && status.data && (
        <div className="notice notice-warn" role="status">
          <p className="notice-title">Your settings file could not be opened ({unopened.reason}), so these are the default settings.</p>
          <p className="notice-hint">
            {unopened.reason === 'EISDIR' ? 'A folder is in its place' : 'Your account may lack permission to read it'}:{' '}
            <code>{status.data.file}</code>. Fix that and restart Instruct Desk, or reset settings below to write a new file in its place.
          </p>
        </div>
      )}
      {settings.error && <ErrorNotice error={settings.error} onRetry={settings.reload} />}
      {live && <AppearanceSection settings={live} />}
      {settings.data && <SettingsForm key={settings.receivedAt} initial={settings.data} readOnly={readOnly} />}
      <SecretField
        name="ollamaToken"
        title="Access token"
        summary="Only for an Ollama server, or a proxy in front of one, that asks for a token."
        label="Bearer token for the Ollama server"
        purpose="Sent as “Authorization: Bearer …” with every request to Ollama."
        placeholder="Only if your server or proxy asks for one"
        noun="token"
        status={secrets.data}
        onChanged={secrets.reload}
      />
      <SecretField
        name="anthropicKey"
        title="Claude (optional)"
        summary="For the optional Claude steps on the JSON screen."
        label="Anthropic API key"
        purpose="Used only when you choose a Claude step on the JSON screen; everything else works without it."
        placeholder="sk-ant-…"
        noun="key"
        status={secrets.data}
        onChanged={secrets.reload}
        unavailable={
          secrets.data?.persistent === false ? (
            <p className="muted">
              {secrets.data.anthropicKeyFromEnvironment
                ? 'Using the key from the ANTHROPIC_API_KEY environment variable.'
                : 'Outside the desktop app the key is read only from the ANTHROPIC_API_KEY environment variable; set it before starting Instruct Desk.'}
            </p>
          ) : undefined
        }
      />
      {status.data && <DataSection status={status.data} onReplaced={replaced} />}
      <AboutSection />
    </div>
  )
}
