import type { TFunction } from 'i18next'
import type { ChangeKind, RepairChange, RepairStep, TraceOutcome } from '../../../../shared/domain/jsonRepair.ts'

type T = TFunction<'json'>

/** The pipeline's steps in words, as the result and the "what happened" list name them. */
export const STEP_WORDS = {
  parse: 'steps.parse',
  extract: 'steps.extract',
  syntax: 'steps.syntax',
  coerce: 'steps.coerce',
  model: 'steps.model',
  claude: 'steps.claude',
} as const satisfies Record<RepairStep, string>

/** The same steps as actions, for the "what happened" list, where a step may also fail. */
export const TRACE_STEP_WORDS = {
  parse: 'traceSteps.parse',
  extract: 'traceSteps.extract',
  syntax: 'traceSteps.syntax',
  coerce: 'traceSteps.coerce',
  model: 'traceSteps.model',
  claude: 'traceSteps.claude',
} as const satisfies Record<RepairStep, string>

export const OUTCOME_WORDS = {
  running: 'outcomes.running',
  valid: 'outcomes.valid',
  invalid: 'outcomes.invalid',
  failed: 'outcomes.failed',
  skipped: 'outcomes.skipped',
} as const satisfies Record<TraceOutcome, string>

const KIND_WORDS = {
  'number-from-string': 'changes.kind.number-from-string',
  'boolean-from-string': 'changes.kind.boolean-from-string',
  'string-from-scalar': 'changes.kind.string-from-scalar',
  'enum-case': 'changes.kind.enum-case',
  'wrap-in-array': 'changes.kind.wrap-in-array',
  'drop-property': 'changes.kind.drop-property',
  'drop-null': 'changes.kind.drop-null',
  add: 'changes.kind.add',
  remove: 'changes.kind.remove',
  replace: 'changes.kind.replace',
} as const satisfies Record<Exclude<ChangeKind, 'syntax'>, string>

/** A JSON Pointer as a person reads it: '' is the whole value. */
export function pathWords(pointer: string, t: T): string {
  return pointer === '' ? t('changes.wholeValue') : pointer
}

/** A value in a line of the diff: its JSON, cut short when long. */
export function valueText(value: unknown, limit = 80): string {
  const text = value === undefined ? '' : JSON.stringify(value)
  return text.length > limit ? `${text.slice(0, limit - 1)}…` : text
}

/** Line and column (from 1) of an offset in the text the change was made to. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset)
  const lastBreak = before.lastIndexOf('\n')
  return { line: before.split('\n').length, column: offset - lastBreak }
}

/** What one syntax edit did, in words: inserted, removed or replaced, and where in the input. */
function syntaxWords(change: RepairChange, input: string, t: T): string {
  const removed = typeof change.before === 'string' ? quoted(change.before, t) : ''
  const added = typeof change.after === 'string' ? quoted(change.after, t) : ''
  const place = change.at === undefined ? undefined : lineAndColumn(input, change.at)
  if (removed && added) return place ? t('changes.replacedAt', { removed, added, ...place }) : t('changes.replaced', { removed, added })
  if (added) return place ? t('changes.insertedAt', { added, ...place }) : t('changes.inserted', { added })
  if (removed) return place ? t('changes.removedAt', { removed, ...place }) : t('changes.removed', { removed })
  return place ? t('changes.rewroteAt', place) : t('changes.rewrote')
}

/** Whitespace made visible, so an edit of a line break or a space can be read. */
function quoted(text: string, t: T): string {
  if (text === '') return ''
  const shown = text
    .replace(/\n/g, '⏎')
    .replace(/\t/g, '⇥')
    .replace(/^ +$/, (spaces) => '␠'.repeat(spaces.length))
  return t('changes.quoted', { text: shown.length > 40 ? `${shown.slice(0, 39)}…` : shown })
}

/** The headline of a change: for syntax, the edit and its place; otherwise what kind of change it was. */
export function changeWords(change: RepairChange, input: string, t: T): string {
  return change.kind === 'syntax' ? syntaxWords(change, input, t) : t(KIND_WORDS[change.kind])
}

export function formatMs(ms: number, t: T): string {
  return ms < 1000 ? t('time.ms', { ms: Math.round(ms) }) : t('time.seconds', { seconds: ms / 1000 })
}

export function callsWords(calls: number, t: T): string {
  return t('counts.modelCall', { count: calls })
}
