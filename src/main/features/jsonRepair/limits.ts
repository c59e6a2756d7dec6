import { DEFAULT_REPAIR_LIMITS, type RepairLimits } from '../../../shared/domain/jsonRepair.ts'
import { AppError } from '../../../shared/ipc/errors.ts'
import { formatBytes } from '../../../shared/format.ts'

/** The size and nesting limits that keep one hostile input or schema from taking the app down. */

export function resolveLimits(limits: Partial<RepairLimits> | undefined): RepairLimits {
  return { ...DEFAULT_REPAIR_LIMITS, ...limits }
}

export function checkSize(what: 'text' | 'schema', bytes: number, limit: number): void {
  if (bytes <= limit) return
  const size = (n: number) => (formatBytes(bytes) === formatBytes(limit) ? `${n.toLocaleString('en-US')} bytes` : formatBytes(n))
  throw new AppError({
    code: 'INPUT_TOO_LARGE',
    message: `The ${what} is ${size(bytes)}; the limit is ${size(limit)}.`,
    hint:
      what === 'text'
        ? 'Repair a smaller part of the text; for many records, use batch mode with one record per line.'
        : 'Split the schema, or leave out the parts this output does not need.',
  })
}

export function tooDeep(what: 'JSON' | 'schema', maxDepth: number, depth?: number): AppError {
  const limit = maxDepth.toLocaleString('en-US')
  const found = depth === undefined ? `more than ${limit}` : depth.toLocaleString('en-US')
  return new AppError({
    code: 'INPUT_TOO_LARGE',
    message: `The ${what} is nested ${found} levels deep; the limit is ${limit}.`,
    hint: 'Flatten the data, or raise the nesting limit in Settings (Documents and JSON).',
  })
}
