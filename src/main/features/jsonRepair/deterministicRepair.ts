import type { RepairCandidate, RepairStep } from '../../../shared/domain/jsonRepair.ts'
import { budgetedRunner, closer, msSince, type Found, type StageContext } from './repairStage.ts'

/** Candidates looked at per text at most: the whole text, fences, then spans. */
const MAX_CANDIDATES = 8

export interface DeterministicOutcome {
  candidates: RepairCandidate[]
  winner?: Found
  /** The parsed candidate with the fewest schema errors, when none is valid. */
  best?: Found
  /** Values checked against the schema. */
  checked: number
}

/**
 * The steps without a model, cheapest first: every candidate as it is (JSON.parse), then each one
 * that did not parse through jsonrepair (fences and spans before the whole text, whose prose
 * jsonrepair would turn into strings). Each parsed value is checked, coerced if it fails, checked
 * again; the first valid one wins.
 */
export async function repairDeterministically(text: string, context: StageContext): Promise<DeterministicOutcome> {
  const run = budgetedRunner(context)
  const { schema, limits } = context
  const candidates = await run(
    'findJsonCandidates',
    { text, maxDepth: limits.maxDepth, maxCandidates: MAX_CANDIDATES },
    'looking for JSON in the text',
  )
  let best: Found | undefined
  let checked = 0

  const attempt = async (index: number, repair: boolean): Promise<Found | 'unparsed'> => {
    const started = performance.now()
    const candidate = candidates[index]!
    const baseStep: RepairStep = candidate.start === 0 && candidate.end === text.length ? 'parse' : 'extract'
    const parsed = await run(
      'parseJsonCandidate',
      {
        text: text.slice(candidate.start, candidate.end),
        repair,
        rootTypes: schema.rootTypes,
        maxDepth: limits.maxDepth,
        offset: candidate.start,
      },
      repair ? 'repairing the JSON syntax' : 'parsing the JSON',
    )
    const name = describeCandidate(text, candidate)
    if (!parsed.ok) {
      context.record({
        step: repair ? 'syntax' : baseStep,
        outcome: 'failed',
        detail: `${name}: ${parsed.reason}.`,
        candidate: index,
        ms: msSince(started),
      })
      return 'unparsed'
    }
    const check = await run(
      'checkJsonValue',
      { hash: schema.hash, schema: schema.schema, value: parsed.value },
      'checking the JSON against the schema',
    )
    checked++
    const step: RepairStep = check.changes.length > 0 ? 'coerce' : repair ? 'syntax' : baseStep
    const found: Found = { ...check, step, changes: [...parsed.edits, ...check.changes], candidate: index }
    context.record({
      step,
      outcome: check.valid ? 'valid' : 'invalid',
      detail: `${name}: ${verdict(repair, check.changes.length, check.errorCount)}`,
      candidate: index,
      errors: check.errors.slice(0, 10),
      ms: msSince(started),
    })
    return found
  }

  const unparsed: number[] = []
  for (const index of candidates.keys()) {
    const found = await attempt(index, false)
    if (found === 'unparsed') unparsed.push(index)
    else if (found.valid) return { candidates, winner: found, checked }
    else best = closer(best, found)
  }
  const wholeLast = [
    ...unparsed.filter((i) => candidates[i]?.source !== 'whole'),
    ...unparsed.filter((i) => candidates[i]?.source === 'whole'),
  ]
  for (const index of wholeLast) {
    const found = await attempt(index, true)
    if (found === 'unparsed') continue
    if (found.valid) return { candidates, winner: found, checked }
    best = closer(best, found)
  }
  return { candidates, best, checked }
}

function describeCandidate(text: string, candidate: RepairCandidate): string {
  const cut = candidate.truncated ? ' (cut off)' : ''
  if (candidate.source === 'whole') return `The whole text${cut}`
  if (candidate.source === 'fence') return `The \`\`\` block at character ${candidate.start}${cut}`
  const bracket = text[candidate.start] === '[' ? '[…]' : '{…}'
  return `The ${bracket} at character ${candidate.start}${cut}`
}

function verdict(repaired: boolean, coerced: number, errors: number): string {
  const how = [repaired ? 'repaired its syntax' : 'parsed', coerced > 0 ? `coerced ${plural(coerced, 'value')}` : '']
    .filter(Boolean)
    .join(', ')
  return errors === 0 ? `${how}; it fits the schema.` : `${how}; ${plural(errors, 'schema error')} left.`
}

export function plural(n: number, noun: string): string {
  return `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`
}
