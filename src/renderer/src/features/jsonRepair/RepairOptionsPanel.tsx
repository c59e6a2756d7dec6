import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigation } from '../../ui/navigation.ts'
import { ClaudeModelPicker } from './ClaudeModelPicker.tsx'
import type { RepairSetup } from './useRepairSetup.ts'

/**
 * How far a run may go: the local model (which one, how many tries) and Claude as the last resort.
 * In Generate mode Claude writes the answer itself, so "try last" is not offered there.
 */
export function RepairOptionsPanel({ setup, offerClaudeLast }: { setup: RepairSetup; offerClaudeLast: boolean }) {
  const { t } = useTranslation('json')
  const id = useId()
  const { go } = useNavigation()
  const { choices, change, claudeBlocked } = setup
  const names = setup.models.data?.map((m) => m.name) ?? []

  return (
    <section className="json-options" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="visually-hidden">
        {t('options.title')}
      </h2>
      <label className="check">
        <input type="checkbox" checked={choices.useModel} onChange={(e) => change({ useModel: e.target.checked })} />
        <span>
          {t('options.useModel')}
          <span className="muted small json-option-help">{t('options.useModelHelp')}</span>
        </span>
      </label>
      <div className="json-option-fields">
        <div className="field">
          <label htmlFor={`${id}-model`}>{t('options.model')}</label>
          <select
            id={`${id}-model`}
            value={choices.model}
            onChange={(e) => change({ model: e.target.value })}
            disabled={!choices.useModel || names.length === 0}
          >
            {names.length === 0 && <option value="">{setup.models.loading ? t('options.loading') : t('options.noModels')}</option>}
            {names.map((name) => (
              <option key={name}>{name}</option>
            ))}
          </select>
        </div>
        <div className="field json-attempts">
          <label htmlFor={`${id}-attempts`}>{t('options.attempts')}</label>
          <input
            id={`${id}-attempts`}
            type="number"
            min={1}
            max={5}
            value={choices.attempts}
            onChange={(e) => change({ attempts: Math.min(5, Math.max(1, Math.round(Number(e.target.value) || 1))) })}
            disabled={!choices.useModel}
          />
        </div>
        {setup.claudeKey && setup.settings.data && (
          <ClaudeModelPicker current={setup.settings.data.claudeModel} onSaved={setup.settings.reload} />
        )}
      </div>
      {offerClaudeLast && (
        <div className="json-claude-last">
          <label className="check">
            <input
              type="checkbox"
              checked={choices.claudeLast && !claudeBlocked}
              disabled={claudeBlocked !== undefined}
              onChange={(e) => change({ claudeLast: e.target.checked })}
              aria-describedby={`${id}-claude`}
            />
            <span>{t('options.claudeLast')}</span>
          </label>
          <span id={`${id}-claude`} className="muted small">
            {claudeBlocked ?? t('options.claudeLastHelp')}
          </span>
          {!setup.claudeKey && (
            <button type="button" className="button button-small" onClick={() => go('settings')}>
              {t('run.openSettings')}
            </button>
          )}
        </div>
      )}
    </section>
  )
}
