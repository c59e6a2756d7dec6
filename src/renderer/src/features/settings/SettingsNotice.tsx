import type { TFunction } from 'i18next'
import { Trans, useTranslation } from 'react-i18next'
import type { SettingsStatus } from '../../../../shared/domain/settings.ts'
import { api } from '../../ipc/client.ts'
import { useInvoke } from '../../ipc/hooks.ts'
import { ErrorNotice } from '../../ui/ErrorNotice.tsx'
import { useNavigation } from '../../ui/navigation.ts'
import { useAction } from '../../ui/useAction.ts'
import { settingLabel } from './settingLabels.ts'
import './settings.css'

function describeReset(fields: string[], t: TFunction<'settings'>): string {
  if (fields.length === 0) return t('notice.unreadable')
  const names = fields.map((field) => settingLabel(field, t) ?? field).join(', ')
  return t('notice.invalid', { count: fields.length, names })
}

/** Shown above every screen once, when the settings file had to be recovered: what was reset and where the original is. */
export function SettingsNotice({ onSettingsScreen }: { onSettingsScreen: boolean }) {
  const { t } = useTranslation('settings')
  const status = useInvoke('settings:status', {})
  const navigation = useNavigation()
  const action = useAction()
  const recovered = status.data?.recovered
  if (!status.data || !recovered) return null
  const dismiss = (): void => void action.run(() => api.invoke('settings:dismissNotice', {})).then((done) => done && status.reload())

  return (
    <section className="notice notice-warn settings-notice" aria-label={t('notice.region')}>
      <p className="notice-title">{`${t('notice.problem')} ${describeReset(recovered.fields, t)}`}</p>
      <p className="notice-hint">
        <Trans
          t={t}
          i18nKey="notice.backup"
          values={{ backup: recovered.backup, folder: status.data.dataDir }}
          components={{ code: <code /> }}
        />
      </p>
      <div className="setup-actions">
        {!onSettingsScreen && (
          <button type="button" className="button button-primary" onClick={() => navigation.go('settings')}>
            {t('notice.review')}
          </button>
        )}
        <OpenDataFolder status={status.data} />
        <button type="button" className="button" onClick={dismiss} disabled={action.busy}>
          {t('notice.dismiss')}
        </button>
      </div>
      {action.error && <ErrorNotice error={action.error} />}
    </section>
  )
}

/** "Open folder" where the host can open one (the desktop app); nothing in a browser. */
export function OpenDataFolder({ status, label }: { status: SettingsStatus; label?: string }) {
  const { t } = useTranslation('settings')
  const action = useAction()
  if (!status.canOpenFolder) return null
  return (
    <>
      <button type="button" className="button" onClick={() => void action.run(() => api.invoke('settings:openDataFolder', {}))}>
        {label ?? t('data.openDataFolder')}
      </button>
      {action.error && <ErrorNotice error={action.error} />}
    </>
  )
}
