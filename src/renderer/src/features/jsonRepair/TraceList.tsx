import { useTranslation } from 'react-i18next'
import type { RepairTrace } from '../../../../shared/domain/jsonRepair.ts'
import { formatMs, OUTCOME_WORDS, pathWords, TRACE_STEP_WORDS } from './describe.ts'

function TraceEntry({ entry }: { entry: RepairTrace }) {
  const { t } = useTranslation('json')
  const step = t(TRACE_STEP_WORDS[entry.step])
  return (
    <li className="json-trace-entry" data-outcome={entry.outcome}>
      <div className="json-trace-head">
        <span className="json-trace-step">{entry.attempt === undefined ? step : t('trace.attempt', { step, attempt: entry.attempt })}</span>
        <span className="json-outcome">{t(OUTCOME_WORDS[entry.outcome])}</span>
        {entry.outcome !== 'running' && <span className="muted small">{formatMs(entry.ms, t)}</span>}
      </div>
      <p className="small">{entry.detail}</p>
      {entry.error && <p className="small json-trace-error">{entry.error.message}</p>}
      {entry.errors && entry.errors.length > 0 && (
        <ul className="json-trace-errors small">
          {entry.errors.map((e, i) => (
            <li key={i}>
              <code>{pathWords(e.path, t)}</code> {e.message}
            </li>
          ))}
        </ul>
      )}
    </li>
  )
}

/** A model call's "running" entry is dropped once its outcome has arrived: one line per call. */
function settled(trace: RepairTrace[]): RepairTrace[] {
  return trace.filter(
    (entry, index) =>
      entry.outcome !== 'running' || !trace.slice(index + 1).some((later) => later.step === entry.step && later.attempt === entry.attempt),
  )
}

/**
 * What the pipeline did, step by step. While a run is going the list is a polite live log, so each
 * new step is read out once.
 */
export function TraceList({ trace, live }: { trace: RepairTrace[]; live?: boolean }) {
  const { t } = useTranslation('json')
  if (trace.length === 0) return live ? <p className="muted small">{t('trace.starting')}</p> : null
  return (
    <ol
      className="json-trace"
      aria-label={live ? t('trace.live') : t('trace.done')}
      role={live ? 'log' : undefined}
      aria-live={live ? 'polite' : undefined}
    >
      {settled(trace).map((entry, index) => (
        <TraceEntry key={index} entry={entry} />
      ))}
    </ol>
  )
}
