import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { api } from '../../ipc/client.ts'
import { useInvoke } from '../../ipc/hooks.ts'
import { useAction } from '../../ui/useAction.ts'
import { RunError } from './RunError.tsx'

/**
 * The Claude model for every Claude step, from the account's live list (ids change over time);
 * the choice is saved in Settings. Render it only when there is a key: listing needs one.
 */
export function ClaudeModelPicker({ current, onSaved }: { current: string; onSaved(): void }) {
  const { t } = useTranslation('json')
  const id = useId()
  const models = useInvoke('claude:models', {})
  const save = useAction()
  const list = models.data ?? []
  const known = current === '' || list.some((m) => m.id === current)

  const choose = async (claudeModel: string): Promise<void> => {
    if (await save.run(() => api.invoke('settings:update', { claudeModel }))) onSaved()
  }

  return (
    <div className="field json-claude-model">
      <label htmlFor={id}>{t('options.claudeModel')}</label>
      <select id={id} value={current} onChange={(e) => void choose(e.target.value)} disabled={models.loading || save.busy}>
        {current === '' && <option value="">{models.loading ? t('options.loadingClaude') : t('options.chooseClaude')}</option>}
        {!known && <option value={current}>{t('options.unlisted', { model: current })}</option>}
        {list.map((m) => (
          <option key={m.id} value={m.id}>
            {m.displayName}
          </option>
        ))}
      </select>
      {models.error && <RunError error={models.error} onRetry={models.reload} />}
      {save.error && <RunError error={save.error} />}
    </div>
  )
}
