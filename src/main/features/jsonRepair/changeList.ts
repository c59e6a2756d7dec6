import { Diff } from 'diff'
import type { RepairChange } from '../../../shared/domain/jsonRepair.ts'
import { childPointer } from './jsonPointer.ts'
import { isContainer, sameJson } from './jsonValue.ts'

/** Past this many entries a change list stops being readable: it is cut there. */
export const MAX_CHANGES = 200

/** Words, runs of space and single punctuation marks: "None" → "null" reads as one edit, a quote as one character. */
class JsonTokenDiff extends Diff<string, string> {
  override tokenize(value: string): string[] {
    return value.match(/\w+|\s+|[^\w\s]/gu) ?? []
  }
}

const tokenDiff = new JsonTokenDiff()

/**
 * What jsonrepair did to a text, as insertions and removals at offsets (`at` is counted in the
 * input, hence `offset`: where the repaired text started in it). The diff gives up on texts that
 * differ too much; then one entry says the whole span was rewritten.
 */
export function textEdits(before: string, after: string, offset: number): RepairChange[] {
  const parts = tokenDiff.diff(before, after, { maxEditLength: 4 * MAX_CHANGES, timeout: 250 })
  if (!parts) return [{ path: '', kind: 'syntax', at: offset }]
  const edits: RepairChange[] = []
  let position = 0
  let pending: { at: number; removed: string; added: string } | undefined
  const flush = (): void => {
    if (pending) edits.push({ path: '', kind: 'syntax', at: offset + pending.at, before: pending.removed, after: pending.added })
    pending = undefined
  }
  for (const part of parts) {
    if (!part.added && !part.removed) {
      flush()
      position += part.value.length
      continue
    }
    pending ??= { at: position, removed: '', added: '' }
    if (part.removed) {
      pending.removed += part.value
      position += part.value.length
    } else pending.added += part.value
  }
  flush()
  return capped(edits)
}

/** Value-by-value differences between two JSON values (what a model changed in the candidate it was shown, if any). */
export function valueChanges(before: unknown, after: unknown): RepairChange[] {
  if (before === undefined) return [{ path: '', kind: 'add', after }]
  const changes: RepairChange[] = []
  compare(before, after, '', changes)
  return capped(changes)
}

function compare(before: unknown, after: unknown, path: string, out: RepairChange[]): void {
  if (out.length > MAX_CHANGES) return
  if (isContainer(before) && isContainer(after) && Array.isArray(before) === Array.isArray(after)) {
    const b = before as Record<string, unknown>
    const a = after as Record<string, unknown>
    for (const key of Object.keys(b)) {
      if (!Object.hasOwn(a, key)) out.push({ path: childPointer(path, key), kind: 'remove', before: b[key] })
      else compare(b[key], a[key], childPointer(path, key), out)
    }
    for (const key of Object.keys(a)) if (!Object.hasOwn(b, key)) out.push({ path: childPointer(path, key), kind: 'add', after: a[key] })
    return
  }
  if (!sameJson(before, after)) out.push({ path, kind: 'replace', before, after })
}

function capped(changes: RepairChange[]): RepairChange[] {
  return changes.length > MAX_CHANGES ? changes.slice(0, MAX_CHANGES) : changes
}
