import { useId, useState } from 'react'
import { Trans, useTranslation } from 'react-i18next'
import type { RepairFailure, RepairResult, RepairSuccess } from '../../../../shared/domain/jsonRepair.ts'
import { copyText } from '../../ui/copyText.ts'
import { ChangeList } from './ChangeList.tsx'
import { callsWords, formatMs, pathWords, STEP_WORDS, TRACE_STEP_WORDS } from './describe.ts'
import { saveFile } from '../../ui/saveFile.ts'
import { TraceList } from './TraceList.tsx'

const SAVED_FILE_NAME = 'result.json'

/** Copy and Save for a value shown as pretty JSON, with what became of the copy. */
function JsonActions({ json, copyLabel, saveLabel }: { json: string; copyLabel: string; saveLabel: string }) {
  const { t } = useTranslation('json')
  const [note, setNote] = useState('')
  const copy = (): void => {
    void copyText(json).then((result) => setNote(result.ok ? t('result.copied') : t('result.copyFailed', { reason: result.reason })))
  }
  return (
    <div className="json-result-actions">
      <span className="muted small" role="status">
        {note}
      </span>
      <button type="button" className="button button-small" onClick={copy} aria-label={copyLabel}>
        {t('result.copy')}
      </button>
      <button
        type="button"
        className="button button-small"
        onClick={() => saveFile(SAVED_FILE_NAME, `${json}\n`, 'application/json')}
        aria-label={saveLabel}
      >
        {t('result.save')}
      </button>
    </div>
  )
}

function Facts({ result }: { result: RepairResult }) {
  const { t } = useTranslation('json')
  return (
    <p className="muted small">
      {callsWords(result.calls, t)} · {formatMs(result.ms, t)}
    </p>
  )
}

function Success({ result, input, titleId }: { result: RepairSuccess; input: string; titleId: string }) {
  const { t } = useTranslation('json')
  const json = JSON.stringify(result.value, null, 2)
  const changes = result.changes.length
  return (
    <>
      <div className="json-result-head">
        <div>
          <h2 id={titleId}>
            <span className="json-verdict-mark ok-text" aria-hidden="true">
              ✓
            </span>{' '}
            {t('result.valid')}
          </h2>
          <p className="json-step">
            <Trans
              t={t}
              i18nKey="result.step"
              values={{ step: t(STEP_WORDS[result.step]), changes: t('counts.change', { count: changes }) }}
              components={{ strong: <strong /> }}
            />
          </p>
          <Facts result={result} />
        </div>
        <JsonActions json={json} copyLabel={t('result.copyValid')} saveLabel={t('result.saveValid')} />
      </div>
      {result.warnings.map((warning) => (
        <p key={warning} className="notice notice-warn small" role="note">
          {warning}
        </p>
      ))}
      <pre className="code-block json-output" tabIndex={0} aria-label={t('result.validLabel')}>
        {json}
      </pre>
      <h3>{t('result.changes')}</h3>
      <ChangeList changes={result.changes} input={input} />
    </>
  )
}

function Failure({ result, titleId }: { result: RepairFailure; titleId: string }) {
  const { t } = useTranslation('json')
  const best = result.best === undefined ? undefined : JSON.stringify(result.best, null, 2)
  const tried = result.steps.map((step) => t(TRACE_STEP_WORDS[step])).join(' · ')
  return (
    <>
      <div className="json-result-head">
        <div>
          <h2 id={titleId}>
            <span className="json-verdict-mark json-bad-text" aria-hidden="true">
              ✕
            </span>{' '}
            {t('result.invalid')}
          </h2>
          <p className="json-step">{t('result.noFit')}</p>
          {tried && <p className="muted small">{t('result.tried', { steps: tried })}</p>}
          <Facts result={result} />
        </div>
      </div>
      <h3>{t('result.why')}</h3>
      <ul className="json-errors" aria-label={t('result.why')}>
        {result.errors.map((error, index) => (
          <li key={index}>
            <code className="json-path">{pathWords(error.path, t)}</code> {error.message}
          </li>
        ))}
      </ul>
      {best === undefined ? (
        <p className="muted small">{t('result.unreadable')}</p>
      ) : (
        <>
          <div className="json-result-head">
            <h3>{t('result.closest')}</h3>
            <JsonActions json={best} copyLabel={t('result.copyClosest')} saveLabel={t('result.saveClosest')} />
          </div>
          <pre className="code-block json-output" tabIndex={0} aria-label={t('result.closestLabel')}>
            {best}
          </pre>
        </>
      )}
    </>
  )
}

/** A finished repair: the valid JSON and how it was reached, or why nothing validates and what came closest. */
export function ResultView({ result, input }: { result: RepairResult; input: string }) {
  const { t } = useTranslation('json')
  const titleId = useId()
  return (
    <section className="json-result card" aria-labelledby={titleId} data-ok={result.ok}>
      {result.ok ? <Success result={result} input={input} titleId={titleId} /> : <Failure result={result} titleId={titleId} />}
      <details className="json-happened">
        <summary>{t('result.happened')}</summary>
        <TraceList trace={result.trace} />
      </details>
    </section>
  )
}
