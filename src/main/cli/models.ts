import { DEFAULT_MODEL, type ModelDetails, type ModelSummary } from '../../shared/domain/models.ts'
import { isActivePull, normalizeModelName, type PullJob } from '../../shared/domain/pull.ts'
import { formatBytes } from '../../shared/format.ts'
import { AppError } from '../../shared/ipc/errors.ts'
import { ModelSummaries } from '../ollama/modelSummaries.ts'
import type { OllamaClient } from '../ollama/OllamaClient.ts'
import { pullDiskChecks } from '../ollama/modelStorage.ts'
import { PullManager } from '../ollama/PullManager.ts'
import type { CliIo } from './index.ts'
import { PullPrinter } from './progressBar.ts'

export const MODELS_USAGE = 'usage: instruct-desk models list | show NAME | pull NAME | rm NAME [--host URL] [--json]'

/** Ctrl-C's conventional exit code (128 + SIGINT). */
const INTERRUPTED = 130

export interface ModelsContext {
  client: OllamaClient
  io: CliIo
  json: boolean
}

interface Subcommand {
  takesName: boolean
  run(context: ModelsContext, name: string): Promise<number>
}

const SUBCOMMANDS = new Map<string, Subcommand>([
  ['list', { takesName: false, run: list }],
  ['show', { takesName: true, run: show }],
  ['rm', { takesName: true, run: remove }],
  ['pull', { takesName: true, run: pull }],
])

/**
 * `instruct-desk models …`: returns the exit code, or throws the AppError the app would show
 * (Ollama down, model not installed, pull failed) for the caller to print.
 */
export async function runModels(args: string[], context: ModelsContext): Promise<number> {
  const [name, ...rest] = args
  const subcommand = name === undefined ? undefined : SUBCOMMANDS.get(name)
  if (!subcommand || rest.length !== (subcommand.takesName ? 1 : 0)) {
    context.io.err(`instruct-desk: ${MODELS_USAGE}`)
    return 2
  }
  return subcommand.run(context, rest[0] ?? '')
}

async function list({ client, io, json }: ModelsContext): Promise<number> {
  const [models, loaded] = await Promise.all([new ModelSummaries().list(client), client.loadedModels()])
  const inMemory = new Set(loaded.map((m) => m.name))
  const rows = models.map((model) => ({ ...model, loaded: inMemory.has(model.name) }))
  if (json) io.out(JSON.stringify(rows, null, 2))
  else if (rows.length === 0)
    io.out(`No models installed yet. Get the recommended one with \`instruct-desk models pull ${DEFAULT_MODEL}\`.`)
  else io.out(formatTable([['NAME', 'KIND', 'PARAMS', 'QUANT', 'CONTEXT', 'SIZE', 'MODIFIED', 'LOADED'], ...rows.map(listRow)]))
  return 0
}

function listRow(model: ModelSummary & { loaded: boolean }): string[] {
  return [
    model.name,
    model.kind,
    model.parameterSize ?? '-',
    model.quantization ?? '-',
    model.contextLength?.toString() ?? '-',
    formatBytes(model.sizeBytes),
    // The date alone, in ISO form, reads the same in every locale and sorts.
    model.modifiedAt.slice(0, 10),
    model.loaded ? 'yes' : '',
  ]
}

async function show({ client, io, json }: ModelsContext, name: string): Promise<number> {
  const details = await client.show(name)
  io.out(json ? JSON.stringify(details, null, 2) : formatDetails(details))
  return 0
}

function formatDetails(details: ModelDetails): string {
  const fields = [
    ['kind', details.kind],
    ['family', details.family],
    ['parameters', details.parameterSize],
    ['quantization', details.quantization],
    ['context length', details.contextLength?.toString()],
    ['capabilities', details.capabilities.join(', ')],
    ['license', details.license?.split('\n')[0]],
  ]
  return [
    details.name,
    formatTable(fields.map(([label, value]) => [`  ${label}`, value || '-'])),
    '',
    'Template:',
    indent(details.template),
    '',
    'Modelfile parameters:',
    indent(details.parameters),
  ].join('\n')
}

async function remove({ client, io, json }: ModelsContext, name: string): Promise<number> {
  await client.deleteModel(name)
  io.out(json ? JSON.stringify({ deleted: name }) : `Deleted ${name}`)
  return 0
}

async function pull({ client, io, json }: ModelsContext, typed: string): Promise<number> {
  // PullManager keeps retrying a refused connection for about a minute; a server that is not there at all should fail at once.
  await client.version()
  const corrected = normalizeModelName(typed)
  if (corrected !== typed.trim()) io.err(`${typed} is not a valid tag; pulling ${corrected}`)
  const printer = json ? undefined : new PullPrinter({ line: io.out, terminal: io.terminal })
  const job = await pullToEnd(typed, client, io, (published) => (printer ? printer.show(published) : io.out(JSON.stringify(published))))
  printer?.end()
  if (job.state === 'done') {
    if (printer) io.out(`Pulled ${job.model}`)
    return 0
  }
  if (job.state === 'cancelled') {
    io.err('Cancelled; pulling again continues from what was downloaded.')
    return INTERRUPTED
  }
  throw new AppError(job.error ?? { code: 'OLLAMA_ERROR', message: `Pulling ${job.model} failed.` })
}

/**
 * Pulls through PullManager, as the app does (same queue, retries and stall detection), and
 * resolves with the final state. Ctrl-C cancels, and the wait lasts until the request has been aborted.
 */
async function pullToEnd(typed: string, client: OllamaClient, io: CliIo, show: (job: PullJob) => void): Promise<PullJob> {
  let settle: (job: PullJob) => void = () => undefined
  const settled = new Promise<PullJob>((resolve) => (settle = resolve))
  const pulls = new PullManager({
    client: () => client,
    publish: (job) => {
      show(job)
      if (!isActivePull(job)) settle(job)
    },
    ...pullDiskChecks(
      () => client.host,
      () => ({ env: io.env }),
    ),
    ...io.pullOptions,
  })
  const { model } = pulls.start(typed)
  const stopListening = io.onInterrupt?.(() => pulls.cancel(model))
  const job = await settled
  stopListening?.()
  pulls.dispose()
  return job
}

/** Left-aligned columns two spaces apart, each as wide as its widest cell. */
function formatTable(rows: string[][]): string {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? []
  return rows
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')
}

function indent(text: string): string {
  return text.trim() === '' ? '  (none)' : text.replace(/^/gm, '  ')
}
