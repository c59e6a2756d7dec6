import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { UI_LANGUAGES, type Language, type Settings, type Theme } from '../../../../shared/domain/settings.ts'
import { api } from '../../ipc/client.ts'
import { ErrorNotice } from '../../ui/ErrorNotice.tsx'
import { useAction } from '../../ui/useAction.ts'
import { resolveLanguage } from './appearance.ts'
import { SettingsCard } from './SettingsCard.tsx'

const THEMES = [
  { value: 'system', label: 'appearance.themes.system' },
  { value: 'light', label: 'appearance.themes.light' },
  { value: 'dark', label: 'appearance.themes.dark' },
] as const satisfies { value: Theme; label: string }[]

/** Each language by its own name ("Deutsch"), as language pickers write them. */
const languageName = (code: string): string => UI_LANGUAGES.find((l) => l.code === code)?.name ?? code

/** Theme and language: applied to every window and saved as soon as they are chosen. */
export function AppearanceSection({ settings }: { settings: Settings }) {
  const { t } = useTranslation('settings')
  const id = useId()
  const { run, error } = useAction()
  // Shown at once; the saved value takes over when main confirms (or stays when it refuses).
  const [choosing, setChoosing] = useState<Partial<Pick<Settings, 'theme' | 'language'>>>({})
  const theme = choosing.theme ?? settings.theme
  const language = choosing.language ?? settings.language

  const save = (patch: Partial<Pick<Settings, 'theme' | 'language'>>): void => {
    setChoosing(patch)
    void run(() => api.invoke('settings:update', patch)).finally(() => setChoosing({}))
  }

  return (
    <SettingsCard title={t('appearance.title')} description={t('appearance.description')}>
      <div className="appearance-row">
        <fieldset className="field segmented-field">
          <legend>{t('appearance.theme')}</legend>
          <div className="segmented">
            {THEMES.map((option) => (
              <label key={option.value}>
                <input
                  type="radio"
                  name={`${id}-theme`}
                  value={option.value}
                  checked={theme === option.value}
                  onChange={() => save({ theme: option.value })}
                />
                <span>{t(option.label)}</span>
              </label>
            ))}
          </div>
          <p className="muted small">{t('appearance.themeHelp')}</p>
        </fieldset>
        <div className="field">
          <label htmlFor={`${id}-language`}>{t('appearance.language')}</label>
          <select id={`${id}-language`} value={language} onChange={(e) => save({ language: e.target.value as Language })}>
            <option value="system">{t('appearance.systemLanguage', { language: languageName(resolveLanguage('system')) })}</option>
            {UI_LANGUAGES.map((l) => (
              <option key={l.code} value={l.code}>
                {l.name}
              </option>
            ))}
          </select>
          <p className="muted small">{t('appearance.languageHelp')}</p>
        </div>
      </div>
      {error && <ErrorNotice error={error} />}
    </SettingsCard>
  )
}
