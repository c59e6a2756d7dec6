import type { ChangeKind, RepairChange, RepairStep, TraceOutcome } from '../../../../shared/domain/jsonRepair.ts'

/** The pipeline's steps in words, as the result and the "what happened" list name them. */
export const STEP_WORDS: Record<RepairStep, string> = {
  parse: 'Parsed as it was',
  extract: 'Taken out of the surrounding text',
  syntax: 'Syntax repaired',
  coerce: 'Values fitted to the schema',
  model: 'Rewritten by the local model',
  claude: 'Rewritten by Claude',
}

/** The same steps as actions, for the "what happened" list, where a step may also fail. */
export const TRACE_STEP_WORDS: Record<RepairStep, string> = {
  parse: 'Read the text as JSON',
  extract: 'Look for JSON in the text',
  syntax: 'Repair the syntax',
  coerce: 'Fit values to the schema',
  model: 'Ask the local model',
  claude: 'Ask Claude',
}

export const OUTCOME_WORDS: Record<TraceOutcome, string> = {
  running: 'working…',
  valid: 'valid',
  invalid: 'not valid yet',
  failed: 'failed',
  skipped: 'skipped',
}

const KIND_WORDS: Record<Exclude<ChangeKind, 'syntax'>, string> = {
  'number-from-string': 'Text read as a number',
  'boolean-from-string': 'Text read as true or false',
  'string-from-scalar': 'Value written as text',
  'enum-case': 'Matched to an allowed value',
  'wrap-in-array': 'Wrapped in a list',
  'drop-property': 'Removed a property the schema does not allow',
  'drop-null': 'Removed an empty (null) optional value',
  add: 'Added',
  remove: 'Removed',
  replace: 'Changed',
}

/** A JSON Pointer as a person reads it: '' is the whole value. */
export function pathWords(pointer: string): string {
  return pointer === '' ? 'the whole value' : pointer
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
function syntaxWords(change: RepairChange, input: string): string {
  const removed = typeof change.before === 'string' ? change.before : ''
  const added = typeof change.after === 'string' ? change.after : ''
  const place = change.at === undefined ? undefined : lineAndColumn(input, change.at)
  const where = place ? ` at line ${place.line}, column ${place.column}` : ''
  if (removed && added) return `Replaced ${quoted(removed)} with ${quoted(added)}${where}`
  if (added) return `Inserted ${quoted(added)}${where}`
  if (removed) return `Removed ${quoted(removed)}${where}`
  return `Rewrote the JSON text${where}`
}

/** Whitespace made visible, so an edit of a line break or a space can be read. */
function quoted(text: string): string {
  const shown = text
    .replace(/\n/g, '⏎')
    .replace(/\t/g, '⇥')
    .replace(/^ +$/, (spaces) => '␠'.repeat(spaces.length))
  return `“${shown.length > 40 ? `${shown.slice(0, 39)}…` : shown}”`
}

/** The headline of a change: for syntax, the edit and its place; otherwise what kind of change it was. */
export function changeWords(change: RepairChange, input: string): string {
  return change.kind === 'syntax' ? syntaxWords(change, input) : KIND_WORDS[change.kind]
}

export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`
}

export function callsWords(calls: number): string {
  if (calls === 0) return 'no model calls'
  return calls === 1 ? '1 model call' : `${calls} model calls`
}
