import { useId, useState } from 'react'
import { UI_LANGUAGES, type Language, type Settings, type Theme } from '../../../../shared/domain/settings.ts'
import { api } from '../../ipc/client.ts'
import { ErrorNotice } from '../../ui/ErrorNotice.tsx'
import { useAction } from '../../ui/useAction.ts'
import { resolveLanguage } from './appearance.ts'
import { SettingsCard } from './SettingsCard.tsx'

const THEMES: { value: Theme; label: string }[] = [
  { value: 'system', label: 'System' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
]

const languageName = (code: string): string => UI_LANGUAGES.find((l) => l.code === code)?.name ?? code

/** Theme and language: applied to every window and saved as soon as they are chosen. */
export function AppearanceSection({ settings }: { settings: Settings }) {
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
    <SettingsCard title="Appearance" description="Applied to every window as soon as you choose.">
      <div className="appearance-row">
        <fieldset className="field segmented-field">
          <legend>Theme</legend>
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
                <span>{option.label}</span>
              </label>
            ))}
          </div>
          <p className="muted small">System follows your computer’s light or dark mode.</p>
        </fieldset>
        <div className="field">
          <label htmlFor={`${id}-language`}>Language</label>
          <select id={`${id}-language`} value={language} onChange={(e) => save({ language: e.target.value as Language })}>
            <option value="system">System ({languageName(resolveLanguage('system'))})</option>
            {UI_LANGUAGES.map((l) => (
              <option key={l.code} value={l.code}>
                {l.name}
              </option>
            ))}
          </select>
          <p className="muted small">English is the only language so far.</p>
        </div>
      </div>
      {error && <ErrorNotice error={error} />}
    </SettingsCard>
  )
}
