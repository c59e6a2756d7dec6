import { useState } from 'react'
import { Trans, useTranslation } from 'react-i18next'
import type { SettingsStatus } from '../../../../shared/domain/settings.ts'
import type { ErrorInfo } from '../../../../shared/ipc/errors.ts'
import { api } from '../../ipc/client.ts'
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx'
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
  const { t } = useTranslation('settings')
  const label = settingLabel(field, t)
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
export function DataSection({ status, ollamaHost, onReplaced }: { status: SettingsStatus; ollamaHost: string; onReplaced(): void }) {
  const { t } = useTranslation('settings')
  const action = useAction()
  const [note, setNote] = useState('')
  const [confirmReset, setConfirmReset] = useState(false)
  /** A file that would send chats and documents to another Ollama server waits for a yes. */
  const [movingHost, setMovingHost] = useState<{ name: string; text: string; host: string }>()

  const run = (call: () => Promise<string>): void => {
    setNote('')
    void action.run(async () => setNote(await call()))
  }
  const exportFile = (): void =>
    run(async () => {
      const { fileName, text } = await api.invoke('settings:export', {})
      saveFile(fileName, text, 'application/json')
      return t('data.exported', { file: fileName })
    })
  const imported = (name: string): string => {
    onReplaced()
    return t('data.imported', { name })
  }
  const importFile = (file: File): void =>
    run(async () => {
      if (file.size > MAX_IMPORT_BYTES) throw new Error(t('data.tooLarge', { name: file.name }))
      const text = await file.text()
      const next = await api.invoke('settings:checkImport', { text })
      if (next.ollamaHost.trim() !== '' && next.ollamaHost !== ollamaHost) {
        setMovingHost({ name: file.name, text, host: next.ollamaHost })
        return ''
      }
      await api.invoke('settings:import', { text })
      return imported(file.name)
    })
  const copyPath = (): void =>
    run(async () => {
      const copied = await copyText(status.dataDir)
      return copied.ok ? t('data.pathCopied') : t('data.copyFailed', { reason: copied.reason })
    })

  return (
    <SettingsCard title={t('data.title')} description={t('data.description')}>
      <div className="field">
        <h3>{t('data.folder')}</h3>
        <div className="path-row">
          <code>{status.dataDir}</code>
          {status.canOpenFolder ? (
            <OpenDataFolder status={status} label={t('data.openFolder')} />
          ) : (
            <button type="button" className="button" onClick={copyPath}>
              {t('data.copyPath')}
            </button>
          )}
        </div>
        <p className="muted small">{status.canOpenFolder ? t('data.contents') : `${t('data.contents')} ${t('data.noFolders')}`}</p>
      </div>
      <div className="field">
        <h3>{t('data.file')}</h3>
        <div className="form-actions wrap">
          <button type="button" className="button" onClick={exportFile} disabled={action.busy}>
            {t('data.export')}
          </button>
          <FileButton label={t('data.import')} accept=".json,application/json" onFile={importFile} />
          <button type="button" className="button button-danger" onClick={() => setConfirmReset(true)} disabled={action.busy}>
            {t('data.reset')}
          </button>
        </div>
        <p className="muted small">{t('data.about')}</p>
      </div>
      {note && (
        <p role="status" className="muted">
          {note}
        </p>
      )}
      {action.error &&
        (action.error.code === 'SETTINGS_INVALID' ? <ImportErrors error={action.error} /> : <ErrorNotice error={action.error} />)}
      {movingHost && (
        <ConfirmDialog
          title={t('importHost.title')}
          cancelLabel={t('importHost.cancel')}
          confirmLabel={t('importHost.confirm')}
          busyLabel={t('importHost.importing')}
          onConfirm={() => api.invoke('settings:import', { text: movingHost.text })}
          onClose={(confirmed) => {
            setMovingHost(undefined)
            if (confirmed) setNote(imported(movingHost.name))
          }}
        >
          <p>
            <Trans
              t={t}
              i18nKey="importHost.body"
              values={{ name: movingHost.name, host: movingHost.host }}
              components={{ code: <code /> }}
            />
          </p>
          <p>{t(ollamaHost ? 'importHost.from' : 'importHost.fromLocal', { host: ollamaHost })}</p>
        </ConfirmDialog>
      )}
      {confirmReset && (
        <ResetDialog
          onClose={(reset) => {
            setConfirmReset(false)
            if (!reset) return
            setNote(t('data.wasReset'))
            onReplaced()
          }}
        />
      )}
    </SettingsCard>
  )
}
