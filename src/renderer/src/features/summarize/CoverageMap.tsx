import type { TFunction } from 'i18next'
import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { SummaryChunk, SummaryResult } from '../../../../shared/domain/summary.ts'
import { MarkdownView } from '../chat/markdown/MarkdownView.tsx'
import { chunkPlace } from './labels.ts'

/** `read`: summarized, but the job stopped before a final summary could draw on it. */
type ChunkState = 'used' | 'unused' | 'read' | 'unread'

function stateOf(chunk: SummaryChunk, result: SummaryResult, unreferenced: Set<string>): ChunkState {
  if (chunk.summary === '') return 'unread'
  if (result.summary === '') return 'read'
  return unreferenced.has(chunk.id) ? 'unused' : 'used'
}

/** A part is a bullet or paragraph of the Markdown summary: shown as a paragraph, without its list marker. */
const LIST_MARKER = /^\s*(?:[-*+]|\d+[.)])\s+/

const STATE_WORDS = {
  used: 'coverage.state.used',
  unused: 'coverage.state.unused',
  read: 'coverage.state.read',
  unread: 'coverage.state.unread',
} as const satisfies Record<ChunkState, string>
const LEGEND = {
  used: 'coverage.legend.used',
  unused: 'coverage.legend.unused',
  read: 'coverage.legend.read',
  unread: 'coverage.legend.unread',
} as const satisfies Record<ChunkState, string>

type T = TFunction<'summarize'>

/** A part's name for a screen reader: its id and where it is. */
function partName(chunk: SummaryChunk, place: string, t: T): string {
  return place ? t('coverage.partAt', { id: chunk.id, place }) : t('coverage.part', { id: chunk.id })
}

/** A chunk's short name on a source button: its id and where it is. */
function ChunkButton({ chunk, onOpen, t }: { chunk: SummaryChunk; onOpen: (id: string) => void; t: T }) {
  const place = chunkPlace(chunk, t)
  return (
    <button type="button" className="chunk-chip" onClick={() => onOpen(chunk.id)} aria-label={partName(chunk, place, t)}>
      <span className="chunk-chip-id">{chunk.id}</span>
      {place && <span className="chunk-chip-place">{place}</span>}
    </button>
  )
}

/**
 * Where the summary came from: the document as a strip of its parts, each paragraph of the summary
 * with the parts it draws on, and every part's own summary, including the ones the summary left out.
 */
export function CoverageMap({ result }: { result: SummaryResult }) {
  const { t } = useTranslation('summarize')
  const prefix = useId()
  const [active, setActive] = useState<number>()
  const unreferenced = new Set(result.coverage.unreferenced)
  const byId = new Map(result.chunks.map((chunk) => [chunk.id, chunk]))
  const activeIds = new Set(active === undefined ? [] : (result.coverage.parts[active]?.chunkIds ?? []))
  const states = new Map(result.chunks.map((chunk) => [chunk.id, stateOf(chunk, result, unreferenced)]))
  // Only a final summary can leave a part out; before one exists, nothing is "left out" yet.
  const left = result.summary === '' ? [] : result.coverage.unreferenced.flatMap((id) => byId.get(id) ?? [])
  const legend = (Object.keys(LEGEND) as ChunkState[]).filter((state) => [...states.values()].includes(state))
  const totalTokens = Math.max(
    1,
    result.chunks.reduce((sum, c) => sum + c.tokens, 0),
  )

  // The chunk list is plain <details>: opening one from a source button is a DOM act, like following a link.
  const openChunk = (id: string): void => {
    const details = document.getElementById(`${prefix}-${id}`)
    if (!(details instanceof HTMLDetailsElement)) return
    details.open = true
    details.querySelector('summary')?.focus()
  }

  return (
    <section className="coverage" aria-labelledby={`${prefix}-title`}>
      <h2 id={`${prefix}-title`}>{t('coverage.title')}</h2>
      <ol className="coverage-strip" aria-label={t('coverage.strip')}>
        {result.chunks.map((chunk) => {
          const state = states.get(chunk.id) ?? 'unread'
          const place = chunkPlace(chunk, t)
          return (
            <li key={chunk.id} style={{ flexGrow: Math.max(chunk.tokens / totalTokens, 0.02) }}>
              <button
                type="button"
                className="coverage-segment"
                data-state={state}
                data-active={activeIds.has(chunk.id) || undefined}
                aria-label={t('coverage.segment', { part: partName(chunk, place, t), state: t(STATE_WORDS[state]) })}
                title={[chunk.id, ...(place ? [place] : []), t(STATE_WORDS[state])].join(' · ')}
                onClick={() => openChunk(chunk.id)}
              />
            </li>
          )
        })}
      </ol>
      <p className="coverage-legend muted small" aria-hidden="true">
        {legend.map((state) => (
          <span key={state} className="legend-item">
            <span className="legend-swatch" data-state={state} /> {t(LEGEND[state])}
          </span>
        ))}
      </p>

      {left.length > 0 && (
        <div className="notice notice-warn coverage-left" role="note">
          <p className="notice-title">{t('coverage.left', { count: left.length })}</p>
          <p className="notice-hint">{t('coverage.leftHint', { count: left.length })}</p>
          <p className="chunk-chips">
            {left.map((chunk) => (
              <ChunkButton key={chunk.id} chunk={chunk} onOpen={openChunk} t={t} />
            ))}
          </p>
        </div>
      )}
      {result.complete && left.length === 0 && result.chunks.length > 1 && <p className="muted small">{t('coverage.allUsed')}</p>}

      {result.coverage.parts.length > 0 && (
        <>
          <h3>{t('coverage.points')}</h3>
          <ol className="coverage-parts">
            {result.coverage.parts.map((part, index) => (
              <li
                key={index}
                data-active={active === index || undefined}
                onMouseEnter={() => setActive(index)}
                onMouseLeave={() => setActive(undefined)}
                onFocus={() => setActive(index)}
                onBlur={() => setActive(undefined)}
              >
                <MarkdownView source={part.text.replace(LIST_MARKER, '')} className="coverage-text" />
                <p className="chunk-chips">
                  <span className="muted small">{part.inferred ? t('coverage.fromAll') : t('coverage.from')}</span>
                  {part.chunkIds.flatMap((id) => {
                    const chunk = byId.get(id)
                    return chunk ? [<ChunkButton key={id} chunk={chunk} onOpen={openChunk} t={t} />] : []
                  })}
                </p>
              </li>
            ))}
          </ol>
        </>
      )}

      <h3>{t('coverage.parts')}</h3>
      <div className="chunk-list">
        {result.chunks.map((chunk) => {
          const state = states.get(chunk.id) ?? 'unread'
          return (
            <details key={chunk.id} id={`${prefix}-${chunk.id}`} className="chunk" data-state={state}>
              <summary>
                <span className="chunk-chip-id">{chunk.id}</span>
                <span className="chunk-place">
                  {chunkPlace(chunk, t) || (result.chunks.length === 1 ? t('coverage.whole') : t('coverage.untitled'))}
                </span>
                <span className="muted small chunk-tokens">{t('counts.token', { count: chunk.tokens })}</span>
                {(state === 'unused' || state === 'unread') && <span className="badge chunk-badge">{t(STATE_WORDS[state])}</span>}
                {chunk.cut && <span className="badge chunk-badge">{t('coverage.cut')}</span>}
              </summary>
              <div className="chunk-body">
                {chunk.summary ? <MarkdownView source={chunk.summary} /> : <p className="muted">{t('coverage.notRead')}</p>}
                {chunk.cut && <p className="muted small">{t('coverage.cutNote')}</p>}
                <p className="muted small">
                  {t('coverage.characters', { start: chunk.range.start, end: chunk.range.end })}
                  {chunk.sections.length > 0 && ` · ${chunk.sections.filter(Boolean).join(', ')}`}
                </p>
              </div>
            </details>
          )
        })}
      </div>
    </section>
  )
}
