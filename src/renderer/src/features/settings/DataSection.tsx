import { useState } from 'react'
import type { SettingsStatus } from '../../../../shared/domain/settings.ts'
import type { ErrorInfo } from '../../../../shared/ipc/errors.ts'
import { api } from '../../ipc/client.ts'
import { copyText } from '../../ui/copyText.ts'
import { ErrorNotice, ErrorText } from '../../ui/ErrorNotice.tsx'
import { FileButton } from '../../ui/FileButton.tsx'
import { saveFile } from '../../ui/saveFile.ts'
import { useAction } from '../../ui/useAction.ts'
import { ResetDialog } from './ResetDialog.tsx'
import { SettingsCard } from './SettingsCard.tsx'
import { OpenDataFolder } from './SettingsNotice.tsx'
import { settingLabel } from './settingLabels.ts'

/** Larger than any settings file; a bigger pick is the wrong file, refused before it is read. */
const MAX_IMPORT_BYTES = 1_000_000

/** A field as the screen calls it, with the name the file uses (all a field this version does not know has). */
function FieldName({ field }: { field: string }) {
  const label = settingLabel(field)
  return label ? (
    <>
      <strong>{label}</strong> <code>{field}</code>
    </>
  ) : (
    <code>{field}</code>
  )
}

/** An import refused field by field: each field with what is wrong, so the file can be fixed. */
function ImportErrors({ error }: { error: ErrorInfo }) {
  const fields = Object.entries(error.fields ?? {})
  return (
    <div className="notice notice-error" role="alert">
      <ErrorText error={error} />
      {fields.length > 0 && (
        <ul className="import-errors">
          {fields.map(([field, message]) => (
            <li key={field}>
              <FieldName field={field} />: {message}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

/** Where the data lives (open it, or copy the path where a browser cannot open folders) and the settings file: export, import, reset. */
export function DataSection({ status, onReplaced }: { status: SettingsStatus; onReplaced(): void }) {
  const action = useAction()
  const [note, setNote] = useState('')
  const [confirmReset, setConfirmReset] = useState(false)

  const run = (call: () => Promise<string>): void => {
    setNote('')
    void action.run(async () => setNote(await call()))
  }
  const exportFile = (): void =>
    run(async () => {
      const { fileName, text } = await api.invoke('settings:export', {})
      saveFile(fileName, text, 'application/json')
      return `Exported as ${fileName}.`
    })
  const importFile = (file: File): void =>
    run(async () => {
      if (file.size > MAX_IMPORT_BYTES) throw new Error(`${file.name} is too large to be a settings file.`)
      await api.invoke('settings:import', { text: await file.text() })
      onReplaced()
      return `Imported settings from ${file.name}.`
    })
  const copyPath = (): void =>
    run(async () => {
      const copied = await copyText(status.dataDir)
      return copied.ok ? 'Path copied.' : `Could not copy: ${copied.reason}`
    })

  return (
    <SettingsCard
      title="Data and backups"
      description="Where your chats and settings are kept, and your settings as a file to keep or move."
    >
      <div className="field">
        <h3>Data folder</h3>
        <div className="path-row">
          <code>{status.dataDir}</code>
          {status.canOpenFolder ? (
            <OpenDataFolder status={status} label="Open folder" />
          ) : (
            <button type="button" className="button" onClick={copyPath}>
              Copy path
            </button>
          )}
        </div>
        <p className="muted small">
          Chats, summaries, saved prompts and schemas, settings and logs.
          {!status.canOpenFolder && ' A browser cannot open folders: paste the path into your file manager.'}
        </p>
      </div>
      <div className="field">
        <h3>Settings file</h3>
        <div className="form-actions wrap">
          <button type="button" className="button" onClick={exportFile} disabled={action.busy}>
            Export settings…
          </button>
          <FileButton label="Import settings…" accept=".json,application/json" onFile={importFile} />
          <button type="button" className="button button-danger" onClick={() => setConfirmReset(true)} disabled={action.busy}>
            Reset to defaults…
          </button>
        </div>
        <p className="muted small">
          An export holds every setting on this page (extra request headers included) but never the access token or the API key. Importing
          replaces all settings with the file’s; any it does not name go back to their defaults.
        </p>
      </div>
      {note && (
        <p role="status" className="muted">
          {note}
        </p>
      )}
      {action.error &&
        (action.error.code === 'SETTINGS_INVALID' ? <ImportErrors error={action.error} /> : <ErrorNotice error={action.error} />)}
      {confirmReset && (
        <ResetDialog
          onClose={(reset) => {
            setConfirmReset(false)
            if (!reset) return
            setNote('Settings are back to their defaults.')
            onReplaced()
          }}
        />
      )}
    </SettingsCard>
  )
}
