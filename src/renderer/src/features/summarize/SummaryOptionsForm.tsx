import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import type { SummaryLength } from '../../../../shared/domain/summary.ts'
import { LENGTHS } from './labels.ts'

/** The options as typed: focus and language are free text, empty meaning "none". */
export interface OptionsDraft {
  model: string
  length: SummaryLength
  focus: string
  language: string
}

/** Suggestions only: the name is written into the model's prompt, which is in English. */
const LANGUAGES = ['English', 'French', 'German', 'Spanish', 'Italian', 'Portuguese', 'Dutch', 'Polish', 'Japanese', 'Chinese', 'Korean']

/** How the next summaries are written: length, an optional focus, the language and the model. */
export function SummaryOptionsForm({
  value,
  models,
  onChange,
}: {
  value: OptionsDraft
  models: string[]
  onChange: (patch: Partial<OptionsDraft>) => void
}) {
  const { t } = useTranslation('summarize')
  const id = useId()
  // A default model that is not installed stays visible, so the choice is never silently different.
  const choices = value.model === '' || models.includes(value.model) ? models : [value.model, ...models]
  return (
    <fieldset className="summary-options">
      <legend className="visually-hidden">{t('options.legend')}</legend>
      <div className="field">
        <label htmlFor={`${id}-model`}>{t('options.model')}</label>
        <select
          id={`${id}-model`}
          value={value.model}
          onChange={(e) => onChange({ model: e.target.value })}
          disabled={choices.length === 0}
        >
          {choices.length === 0 && <option value="">{t('options.noModel')}</option>}
          {choices.map((name) => (
            <option key={name}>{name}</option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-length`}>{t('options.length')}</label>
        <select id={`${id}-length`} value={value.length} onChange={(e) => onChange({ length: e.target.value as SummaryLength })}>
          {LENGTHS.map((length) => (
            <option key={length.value} value={length.value}>
              {t(length.label)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-language`}>{t('options.language')}</label>
        <input
          id={`${id}-language`}
          value={value.language}
          maxLength={60}
          list={`${id}-languages`}
          placeholder={t('options.languagePlaceholder')}
          onChange={(e) => onChange({ language: e.target.value })}
        />
        <datalist id={`${id}-languages`}>
          {LANGUAGES.map((language) => (
            <option key={language} value={language} />
          ))}
        </datalist>
      </div>
      <div className="field">
        <label htmlFor={`${id}-focus`}>{t('options.focus')}</label>
        <input
          id={`${id}-focus`}
          value={value.focus}
          maxLength={300}
          placeholder={t('options.focusPlaceholder')}
          onChange={(e) => onChange({ focus: e.target.value })}
        />
      </div>
    </fieldset>
  )
}
