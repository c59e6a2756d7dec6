import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { parseArgs } from 'node:util'
import type { JsonSchemaObject, RepairOptions } from '../../shared/domain/jsonRepair.ts'
import { AppError, toErrorInfo } from '../../shared/ipc/errors.ts'
import { ClaudeClient } from '../features/claude/ClaudeClient.ts'
import { generateJson } from '../features/jsonRepair/JsonGenerator.ts'
import { runBatch } from '../features/jsonRepair/jsonBatch.ts'
import { JsonRunner } from '../features/jsonRepair/JsonRunner.ts'
import { resolveHost } from '../ollama/hostAddress.ts'
import { OllamaClient } from '../ollama/OllamaClient.ts'
import { defaultDataDir } from '../storage/dataDir.ts'
import { SettingsStore } from '../storage/SettingsStore.ts'
import { createAppWorkerPool, type AppWorkerPool } from '../workers/appWorker.ts'
import type { CliIo } from './index.ts'
import { failureReport, repairSummary } from './repairReport.ts'

export const REPAIR_JSON_HELP = `Usage: instruct-desk repair-json --schema SCHEMA.json [INPUT|-] [options]

Turns text that holds JSON (a model's answer, a log line, broken JSON) into JSON valid against a
JSON Schema: parse, extract, jsonrepair and schema-guided fixes first, the local model only if needed.
INPUT is a file; "-" or nothing reads stdin.

Exit codes: 0 valid JSON on stdout; 2 nothing fits the schema (the errors and the closest candidate
on stderr; with --batch, some input failed); 1 a usage error, an unreadable file or schema, Ollama
or Claude unusable; 130 stopped with Ctrl-C.

Options:
  --schema FILE         the JSON Schema (2020-12 unless its "$schema" says draft-07 or 2019-09)
  --no-llm              no model at all: only the steps without one
  -m, --model M         the local model (default: the app's default model)
  --claude              let Claude try last when nothing else fits (needs ANTHROPIC_API_KEY)
  --claude-prompt TEXT  ask Claude TEXT, then turn its answer into valid JSON (needs ANTHROPIC_API_KEY)
  --claude-model ID     the Claude model (default: the one chosen in the app's settings)
  --batch FILE          every line of a .jsonl file (or row of a .csv file): one result line each,
                        {"line", "ok", "value"?, "errors"?, "step"?, "calls"}
  --json                print {"ok", "value"?, "errors"?, "steps", "calls"} instead of the value
  --host URL            the Ollama server (default: the app's setting, then OLLAMA_HOST)`

const OPTIONS = {
  schema: { type: 'string' },
  batch: { type: 'string' },
  'no-llm': { type: 'boolean', default: false },
  model: { type: 'string', short: 'm' },
  claude: { type: 'boolean', default: false },
  'claude-prompt': { type: 'string' },
  'claude-model': { type: 'string' },
  json: { type: 'boolean', default: false },
  host: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const

/** Ctrl-C's conventional exit code (128 + SIGINT). */
const INTERRUPTED = 130

type Values = ReturnType<typeof parseOptions>['values']

/** What a run works with, once the arguments are read. */
interface Job {
  runner: JsonRunner
  schema: JsonSchemaObject
  options: RepairOptions
  values: Values
  io: CliIo
  signal: AbortSignal
}

/** `instruct-desk repair-json …` (the whole argument list, since this command has options of its own): the exit code. */
export async function runRepairJson(argv: string[], io: CliIo): Promise<number> {
  const controller = new AbortController()
  const stopListening = io.onInterrupt?.(() => controller.abort())
  const pool = createAppWorkerPool()
  try {
    const { values, positionals } = parseOptions(argv)
    if (values.help) {
      io.out(REPAIR_JSON_HELP)
      return 0
    }
    const input = positionals.slice(1)
    if (!values.schema) throw usage('--schema SCHEMA.json is required.')
    if (input.length > 1) throw usage(`one INPUT at most, not ${input.length}.`)
    if ((values.batch !== undefined || values['claude-prompt'] !== undefined) && input.length > 0) {
      throw usage(`INPUT cannot be given with ${values.batch !== undefined ? '--batch' : '--claude-prompt'}.`)
    }
    const job: Job = {
      schema: await readSchema(values.schema),
      runner: await connect(io, pool, { host: values.host, claudeModel: values['claude-model'] }),
      options: { noModel: values['no-llm'], ...(values.model ? { model: values.model } : {}) },
      values,
      io,
      signal: controller.signal,
    }
    return values.batch !== undefined ? await repairBatch(job, values.batch) : await repairOne(job, input[0])
  } catch (error) {
    if (controller.signal.aborted) {
      io.err('Stopped.')
      return INTERRUPTED
    }
    const { code, message, hint } = toErrorInfo(error)
    io.err(`instruct-desk: ${code}: ${hint ? `${message} ${hint}` : message}`)
    return 1
  } finally {
    stopListening?.()
    await pool.close()
  }
}

/** One input, or Claude's answer to --claude-prompt: the value on stdout, or the report on stderr. */
async function repairOne({ runner, schema, options, values, io, signal }: Job, input: string | undefined): Promise<number> {
  const prompt = values['claude-prompt']
  const { answer, result } =
    prompt !== undefined
      ? await generateJson(runner, { prompt, schema, options }, signal, () => undefined)
      : {
          answer: undefined,
          result: await runner.run({ text: await readInput(input, io), schema, options, claude: values.claude, signal }),
        }
  if (values.json) io.out(JSON.stringify({ ...repairSummary(result), ...(answer === undefined ? {} : { answer }) }, null, 2))
  else if (result.ok) io.out(JSON.stringify(result.value, null, 2))
  else io.err(failureReport(result))
  return result.ok ? 0 : 2
}

/** Every line (or CSV row) of a file: the result JSONL on stdout, the counts on stderr. */
async function repairBatch({ runner, schema, options, values, io, signal }: Job, file: string): Promise<number> {
  const format = path.extname(file).toLowerCase() === '.csv' ? 'csv' : 'jsonl'
  const text = await readText(file, 'batch file')
  const outcome = await runBatch(runner, { text, format, schema, options, claude: values.claude }, signal, () => undefined)
  if (outcome.jsonl) io.out(outcome.jsonl.trimEnd())
  io.err(`${outcome.valid} valid, ${outcome.failed} failed${outcome.skipped ? `, ${outcome.skipped} skipped (stopped)` : ''}.`)
  return signal.aborted ? INTERRUPTED : outcome.failed > 0 ? 2 : 0
}

function parseOptions(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true })
  } catch (error) {
    throw usage((error as Error).message)
  }
}

function usage(message: string): AppError {
  return new AppError({ code: 'BAD_REQUEST', message, hint: 'Run `instruct-desk repair-json --help` for usage.' })
}

/** The same Ollama server and Claude model as the app; the Anthropic key only from the environment. */
async function connect(
  io: CliIo,
  pool: AppWorkerPool,
  chosen: { host?: string | undefined; claudeModel?: string | undefined },
): Promise<JsonRunner> {
  const saved = await SettingsStore.peek(defaultDataDir(io.env))
  const settings = { ...saved, claudeModel: chosen.claudeModel || saved.claudeModel }
  const ollama = new OllamaClient({ host: resolveHost(chosen.host ?? saved.ollamaHost, io.env), headers: saved.ollamaHeaders })
  const claude = new ClaudeClient({ apiKey: () => io.env.ANTHROPIC_API_KEY, baseURL: io.env.ANTHROPIC_BASE_URL })
  return new JsonRunner({ pool, ollama: () => ollama, claude, settings: () => settings })
}

async function readText(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, 'utf8')
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'there is no such file' : (error as Error).message
    throw new AppError({ code: 'BAD_REQUEST', message: `Cannot read the ${what} ${file}: ${reason}.` })
  }
}

async function readSchema(file: string): Promise<JsonSchemaObject> {
  const text = await readText(file, 'schema')
  let schema: unknown
  try {
    schema = JSON.parse(text)
  } catch (error) {
    throw schemaInvalid(`The schema ${file} is not JSON: ${(error as Error).message}.`)
  }
  if (typeof schema === 'object' && schema !== null && !Array.isArray(schema)) return schema as JsonSchemaObject
  throw schemaInvalid(`The schema ${file} is not a JSON object.`)
}

function schemaInvalid(message: string): AppError {
  return new AppError({
    code: 'SCHEMA_INVALID',
    message,
    hint: 'A schema file holds one JSON object, e.g. {"type": "object", "properties": {…}}.',
  })
}

/** INPUT's text; "-" or none: standard input, unless that is a terminal. */
async function readInput(file: string | undefined, io: CliIo): Promise<string> {
  if (file !== undefined && file !== '-') return readText(file, 'input file')
  if (!io.input || io.interactive) throw usage('give an INPUT file, or pipe the text in.')
  let text = ''
  for await (const chunk of io.input) text += typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8')
  return text
}
