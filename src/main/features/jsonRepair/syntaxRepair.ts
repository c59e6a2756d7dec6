import { jsonrepair } from 'jsonrepair'
import type { RepairChange } from '../../../shared/domain/jsonRepair.ts'
import { AppError } from '../../../shared/ipc/errors.ts'
import { textEdits } from './changeList.ts'
import { jsonType, withinDepth } from './jsonValue.ts'

export type ParseOutcome = { ok: true; value: unknown; edits: RepairChange[] } | { ok: false; reason: string }

/** JSON.parse, nothing more. */
export function parseStrict(text: string, maxDepth: number): ParseOutcome {
  try {
    return { ok: true, value: withinDepth(JSON.parse(text), maxDepth), edits: [] }
  } catch (error) {
    if (error instanceof AppError) throw error
    return { ok: false, reason: `it is not valid JSON (${errorText(error)})` }
  }
}

/**
 * jsonrepair, refused when its answer has a root type the schema rules out: given "JSON and then
 * prose" it returns an array of the pieces, which is never what the text meant.
 */
export function repairSyntax(text: string, rootTypes: string[] | undefined, maxDepth: number, offset: number): ParseOutcome {
  let repaired: string
  try {
    repaired = jsonrepair(text)
  } catch (error) {
    return { ok: false, reason: `jsonrepair could not fix it (${errorText(error)})` }
  }
  const value = withinDepth(JSON.parse(repaired), maxDepth)
  const type = jsonType(value)
  if (rootTypes && !rootTypes.some((allowed) => allowed === type || (allowed === 'number' && type === 'integer'))) {
    return { ok: false, reason: `jsonrepair made it ${article(type)}, but the schema wants ${rootTypes.map(article).join(' or ')}` }
  }
  return { ok: true, value, edits: textEdits(text, repaired, offset) }
}

function article(type: string): string {
  return `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}`
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
