import { useId, useState } from 'react'
import type { RepairFailure, RepairResult, RepairSuccess } from '../../../../shared/domain/jsonRepair.ts'
import { copyText } from '../../ui/copyText.ts'
import { ChangeList } from './ChangeList.tsx'
import { callsWords, formatMs, pathWords, STEP_WORDS, TRACE_STEP_WORDS } from './describe.ts'
import { saveFile } from '../../ui/saveFile.ts'
import { TraceList } from './TraceList.tsx'

const SAVED_FILE_NAME = 'result.json'

/** Copy and Save for a value shown as pretty JSON, with what became of the copy. */
function JsonActions({ json, what }: { json: string; what: string }) {
  const [note, setNote] = useState('')
  const copy = (): void => {
    void copyText(json).then((result) => setNote(result.ok ? 'Copied.' : `Copy failed: ${result.reason}`))
  }
  return (
    <div className="json-result-actions">
      <span className="muted small" role="status">
        {note}
      </span>
      <button type="button" className="button button-small" onClick={copy} aria-label={`Copy ${what}`}>
        Copy
      </button>
      <button
        type="button"
        className="button button-small"
        onClick={() => saveFile(SAVED_FILE_NAME, `${json}\n`, 'application/json')}
        aria-label={`Save ${what} as a .json file`}
      >
        Save…
      </button>
    </div>
  )
}

function Facts({ result }: { result: RepairResult }) {
  return (
    <p className="muted small">
      {callsWords(result.calls)} · {formatMs(result.ms)}
    </p>
  )
}

function Success({ result, input, titleId }: { result: RepairSuccess; input: string; titleId: string }) {
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
            Valid JSON
          </h2>
          <p className="json-step">
            Step: <strong>{STEP_WORDS[result.step]}</strong> · {changes === 1 ? '1 change' : `${changes} changes`}
          </p>
          <Facts result={result} />
        </div>
        <JsonActions json={json} what="the valid JSON" />
      </div>
      {result.warnings.map((warning) => (
        <p key={warning} className="notice notice-warn small" role="note">
          {warning}
        </p>
      ))}
      <pre className="code-block json-output" tabIndex={0} aria-label="The valid JSON">
        {json}
      </pre>
      <h3>Changes</h3>
      <ChangeList changes={result.changes} input={input} />
    </>
  )
}

function Failure({ result, titleId }: { result: RepairFailure; titleId: string }) {
  const best = result.best === undefined ? undefined : JSON.stringify(result.best, null, 2)
  const tried = result.steps.map((step) => TRACE_STEP_WORDS[step]).join(' · ')
  return (
    <>
      <div className="json-result-head">
        <div>
          <h2 id={titleId}>
            <span className="json-verdict-mark json-bad-text" aria-hidden="true">
              ✕
            </span>{' '}
            No valid JSON
          </h2>
          <p className="json-step">Nothing made the text fit the schema.</p>
          {tried && <p className="muted small">Tried: {tried}</p>}
          <Facts result={result} />
        </div>
      </div>
      <h3>Why it does not fit</h3>
      <ul className="json-errors" aria-label="Why it does not fit">
        {result.errors.map((error, index) => (
          <li key={index}>
            <code className="json-path">{pathWords(error.path)}</code> {error.message}
          </li>
        ))}
      </ul>
      {best === undefined ? (
        <p className="muted small">No part of the text could be read as JSON at all.</p>
      ) : (
        <>
          <div className="json-result-head">
            <h3>Closest candidate</h3>
            <JsonActions json={best} what="the closest candidate" />
          </div>
          <pre className="code-block json-output" tabIndex={0} aria-label="The closest candidate">
            {best}
          </pre>
        </>
      )}
    </>
  )
}

/** A finished repair: the valid JSON and how it was reached, or why nothing validates and what came closest. */
export function ResultView({ result, input }: { result: RepairResult; input: string }) {
  const titleId = useId()
  return (
    <section className="json-result card" aria-labelledby={titleId} data-ok={result.ok}>
      {result.ok ? <Success result={result} input={input} titleId={titleId} /> : <Failure result={result} titleId={titleId} />}
      <details className="json-happened">
        <summary>What happened</summary>
        <TraceList trace={result.trace} />
      </details>
    </section>
  )
}
