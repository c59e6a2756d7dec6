import { useTranslation } from 'react-i18next'
import type { RepairChange } from '../../../../shared/domain/jsonRepair.ts'
import { changeWords, pathWords, valueText } from './describe.ts'

/** One value change: where, and what it was → what it is now. */
function ValueChange({ change }: { change: RepairChange }) {
  const { t } = useTranslation('json')
  return (
    <>
      <code className="json-path">{pathWords(change.path, t)}</code>
      {(change.before !== undefined || change.after !== undefined) && (
        <span className="json-diff">
          {change.before !== undefined && (
            <del>
              <span className="visually-hidden">{t('changes.was')}</span>
              {valueText(change.before)}
            </del>
          )}
          {change.before !== undefined && change.after !== undefined && <span aria-hidden="true"> → </span>}
          {change.after !== undefined && (
            <ins>
              <span className="visually-hidden">{change.before !== undefined ? t('changes.wasNow') : t('changes.now')}</span>
              {valueText(change.after)}
            </ins>
          )}
        </span>
      )}
    </>
  )
}

/** The changes that made the value valid, as a readable diff. `input` is the text syntax offsets point into. */
export function ChangeList({ changes, input }: { changes: RepairChange[]; input: string }) {
  const { t } = useTranslation('json')
  if (changes.length === 0) return <p className="muted small">{t('changes.none')}</p>
  return (
    <ol className="json-changes" aria-label={t('changes.list')}>
      {changes.map((change, index) => (
        <li key={index} data-kind={change.kind}>
          <span className="json-change-words">{changeWords(change, input, t)}</span>
          {change.kind !== 'syntax' && <ValueChange change={change} />}
        </li>
      ))}
    </ol>
  )
}
