import { useTranslation } from 'react-i18next'
import { useInvoke } from '../../ipc/hooks.ts'
import { DiagnosticsButton } from './DiagnosticsButton.tsx'
import { SettingsCard } from './SettingsCard.tsx'

/** Which build this is and where it runs, and the report to attach to a bug. */
export function AboutSection() {
  const { t } = useTranslation('settings')
  const info = useInvoke('app:info', {})
  return (
    <SettingsCard title={t('about.title')} description={t('about.description')}>
      {info.data && (
        <dl className="facts">
          <dt>{t('about.version')}</dt>
          <dd>{info.data.version}</dd>
          <dt>{t('about.runningAs')}</dt>
          <dd>{t(info.data.host === 'electron' ? 'about.desktop' : 'about.web', { platform: info.data.platform })}</dd>
        </dl>
      )}
      <DiagnosticsButton />
    </SettingsCard>
  )
}
