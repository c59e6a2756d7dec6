import type { CoveragePart } from '../../../shared/domain/summary.ts'
import { sourcedParts, withoutCitations } from './coverage.ts'
import type { SummaryCaller } from './summaryCall.ts'
import { answerRoom, windowTooSmall } from './summaryBudget.ts'
import { reducePrompt, type PromptContext, type ReduceItem } from './summaryPrompts.ts'
import type { SummaryProgressTracker } from './summaryProgress.ts'

export interface ReduceDeps {
  context: PromptContext
  caller: SummaryCaller
  progress: SummaryProgressTracker
}

export interface ReduceOutcome {
  summary: string
  parts: CoveragePart[]
  /** The final answer hit num_predict even after a retry. */
  cut: boolean
  /** Some reduce prompt was cut by Ollama and could not be made smaller. */
  truncated: boolean
}

/**
 * Combines the chunk summaries into the final one. If they do not fit one call (or Ollama cut the
 * prompt), consecutive groups that fit are merged first, each merge keeping per-bullet source
 * labels, and the merges are combined in turn, for as many levels as it takes.
 */
export async function reduceSummaries(items: ReduceItem[], deps: ReduceDeps): Promise<ReduceOutcome> {
  const { context, caller, progress } = deps
  progress.expectRemaining(caller.promptTokens(reducePrompt(context, items, 'final')))
  let level = items
  let truncated = false
  let callsPlanned = 1
  for (let call = 1; ;) {
    const prompt = reducePrompt(context, level, 'final')
    const group = idsOf(level)
    const finalRoom = answerRoom(context.length, 'final', group.length)
    let largest = level.length
    if (caller.fits(prompt, finalRoom)) {
      progress.begin('reduce', call++, callsPlanned)
      const outcome = await caller.call(prompt, finalRoom)
      if (outcome.kind === 'answer' || (outcome.kind === 'prompt-cut' && level.length === 1)) {
        progress.advance(caller.promptTokens(prompt))
        truncated ||= outcome.kind === 'prompt-cut'
        return { summary: withoutCitations(outcome.content), parts: sourcedParts(outcome.content, group), cut: outcome.cut, truncated }
      }
      largest = Math.ceil(level.length / 2)
    }
    const groups = groupsThatFit(level, largest, deps)
    if (groups.length >= level.length) throw cannotCombine()
    callsPlanned = call + groups.filter((g) => g.length > 1).length
    const next: ReduceItem[] = []
    for (const group of groups) {
      if (group.length === 1) next.push(...group)
      else {
        progress.begin('reduce', call++, callsPlanned)
        const merged = await merge(group, deps)
        truncated ||= merged.truncated
        next.push(...merged.items)
      }
    }
    if (next.length >= level.length) throw cannotCombine()
    level = next
  }
}

/** One merge call; a group whose prompt Ollama cut is merged again in halves. */
async function merge(group: ReduceItem[], deps: ReduceDeps): Promise<{ items: ReduceItem[]; truncated: boolean }> {
  const { context, caller, progress } = deps
  const prompt = reducePrompt(context, group, 'merge')
  const ids = idsOf(group)
  const outcome = await caller.call(prompt, answerRoom(context.length, 'merge', ids.length))
  if (outcome.kind !== 'answer' && group.length > 1) {
    const half = Math.ceil(group.length / 2)
    const [first, second] = [await merge(group.slice(0, half), deps), await merge(group.slice(half), deps)]
    return { items: [...first.items, ...second.items], truncated: first.truncated || second.truncated }
  }
  if (outcome.kind === 'too-long') throw cannotCombine()
  progress.advance(caller.promptTokens(prompt))
  const heading = `Summary of ${ids.length} consecutive parts:`
  return { items: [{ heading, parts: sourcedParts(outcome.content, ids) }], truncated: outcome.kind === 'prompt-cut' }
}

/**
 * Consecutive groups of at most `largest` items whose merge prompt fits: as many groups as greedy
 * filling needs, with the items then spread evenly over them when that still fits.
 */
function groupsThatFit(level: ReduceItem[], largest: number, deps: ReduceDeps): ReduceItem[][] {
  const { context, caller } = deps
  const fits = (group: ReduceItem[]) =>
    group.length === 1 || caller.fits(reducePrompt(context, group, 'merge'), answerRoom(context.length, 'merge', idsOf(group).length))
  const greedy: ReduceItem[][] = []
  for (const item of level) {
    const open = greedy.at(-1)
    if (open && open.length < largest && fits([...open, item])) open.push(item)
    else greedy.push([item])
  }
  const size = Math.ceil(level.length / greedy.length)
  const even = Array.from({ length: Math.ceil(level.length / size) }, (_, i) => level.slice(i * size, (i + 1) * size))
  return even.length === greedy.length && even.every(fits) ? even : greedy
}

function idsOf(items: readonly ReduceItem[]): string[] {
  return [...new Set(items.flatMap((item) => item.parts.flatMap((p) => p.chunkIds)))]
}

function cannotCombine(): Error {
  return windowTooSmall('The part summaries are too long to combine within the context window.')
}
