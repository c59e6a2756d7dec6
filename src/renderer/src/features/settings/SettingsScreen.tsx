import { Trans, useTranslation } from 'react-i18next'
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
  const { t } = useTranslation('settings')
  const settings = useInvoke('settings:get', {})
  const live = useLiveSettings()
  const status = useInvoke('settings:status', {})
  const secrets = useInvoke('secrets:status', {})
  const newer = status.data?.newerFile
  const unopened = status.data?.unopenedFile
  const readOnly = newer
    ? t('readOnly.newer', { version: newer.version })
    : unopened
      ? t('readOnly.unopened', { reason: unopened.reason })
      : undefined
  // After an import or a reset every field has a new value: the form starts again from them.
  const replaced = (): void => {
    settings.reload()
    status.reload()
  }

  return (
    <div className="screen settings-screen">
      <ScreenHeader title={t('title')} description={t('description')} />
      {newer && (
        <div className="notice notice-warn" role="status">
          <p className="notice-title">{t('newer.title')}</p>
          <p className="notice-hint">{t('newer.hint', { version: newer.version, supported: status.data?.version ?? '' })}</p>
        </div>
      )}
      {unopened && status.data && (
        <div className="notice notice-warn" role="status">
          <p className="notice-title">{t('unopened.title', { reason: unopened.reason })}</p>
          <p className="notice-hint">
            <Trans
              t={t}
              i18nKey={unopened.reason === 'EISDIR' ? 'unopened.folder' : 'unopened.permission'}
              values={{ file: status.data.file }}
              components={{ code: <code /> }}
            />
          </p>
        </div>
      )}
      {settings.error && <ErrorNotice error={settings.error} onRetry={settings.reload} />}
      {live && <AppearanceSection settings={live} />}
      {settings.data && <SettingsForm key={settings.receivedAt} initial={settings.data} readOnly={readOnly} />}
      <SecretField name="ollamaToken" status={secrets.data} onChanged={secrets.reload} />
      <SecretField
        name="anthropicKey"
        status={secrets.data}
        onChanged={secrets.reload}
        unavailable={
          secrets.data?.persistent === false ? (
            <p className="muted">
              {secrets.data.anthropicKeyFromEnvironment ? t('secrets.fromEnvironment') : t('secrets.environmentOnly')}
            </p>
          ) : undefined
        }
      />
      {status.data && <DataSection status={status.data} ollamaHost={live?.ollamaHost ?? ''} onReplaced={replaced} />}
      <AboutSection />
    </div>
  )
}
