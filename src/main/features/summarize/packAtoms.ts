import { BREAK_COST, type Atom } from './documentAtoms.ts'

/** Weight of a chunk's distance from the even share, against the break costs. */
const BALANCE_WEIGHT = 6
/** Atoms smaller than budget ÷ this are grouped before packing so each chunk weighs a bounded number of choices. */
const GROUPS_PER_CHUNK = 64

/**
 * Groups atoms into the fewest consecutive chunks of at most `budget` tokens (every atom must fit),
 * and among plans with that many, the one whose breaks fall on the strongest boundaries and whose
 * chunks are closest to an even share. Dynamic programming over break points; returns each chunk's
 * atoms as [first, last) index pairs.
 */
export function packAtoms(atoms: readonly Atom[], budget: number): [number, number][] {
  const groups = groupSmall(atoms, budget)
  const total = groups.reduce((sum, g) => sum + g.tokens, 0)
  const even = total / Math.max(1, Math.ceil(total / budget))
  const n = groups.length
  const chunks = new Float64Array(n + 1).fill(Infinity)
  const penalty = new Float64Array(n + 1).fill(Infinity)
  const from = new Int32Array(n + 1)
  chunks[0] = 0
  penalty[0] = 0
  for (let end = 1; end <= n; end++) {
    const breakCost = end === n ? 0 : (groups[end - 1]?.breakCost ?? 0)
    let size = 0
    for (let start = end - 1; start >= 0; start--) {
      size += groups[start]?.tokens ?? 0
      if (size > budget) break
      const count = (chunks[start] ?? Infinity) + 1
      const cost = (penalty[start] ?? Infinity) + breakCost + BALANCE_WEIGHT * ((size - even) / even) ** 2
      if (count < (chunks[end] ?? Infinity) || (count === chunks[end] && cost < (penalty[end] ?? Infinity))) {
        chunks[end] = count
        penalty[end] = cost
        from[end] = start
      }
    }
    if (chunks[end] === Infinity) throw new Error(`An atom of ${groups[end - 1]?.tokens} tokens exceeds the budget of ${budget}`)
  }
  const spans: [number, number][] = []
  for (let end = n; end > 0; end = from[end] ?? 0) spans.push([groups[from[end] ?? 0]?.first ?? 0, groups[end - 1]?.last ?? 0])
  return spans.reverse()
}

interface Group {
  first: number
  last: number
  tokens: number
  breakCost: number
}

/** Consecutive small atoms joined, never across a section or page boundary, so those stay available as breaks. */
function groupSmall(atoms: readonly Atom[], budget: number): Group[] {
  const small = budget / GROUPS_PER_CHUNK
  const groups: Group[] = []
  atoms.forEach((atom, i) => {
    const open = groups.at(-1)
    if (open && open.breakCost >= BREAK_COST.paragraph && open.tokens + atom.tokens <= small) {
      open.last = i + 1
      open.tokens += atom.tokens
      open.breakCost = atom.breakCost
    } else {
      groups.push({ first: i, last: i + 1, tokens: atom.tokens, breakCost: atom.breakCost })
    }
  })
  return groups
}
