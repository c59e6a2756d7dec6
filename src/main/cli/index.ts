import { parseArgs } from 'node:util'
import type { Settings } from '../../shared/domain/settings.ts'
import { toErrorInfo } from '../../shared/ipc/errors.ts'
import { resolveHost } from '../ollama/hostAddress.ts'
import { OllamaClient } from '../ollama/OllamaClient.ts'
import type { PullManagerOptions } from '../ollama/PullManager.ts'
import { packageVersion } from '../packageInfo.ts'
import { defaultDataDir } from '../storage/dataDir.ts'
import { SettingsStore } from '../storage/SettingsStore.ts'
import { formatDoctor, runDoctor } from './doctor.ts'
import { runChat } from './chat.ts'
import { runModels } from './models.ts'
import { runRepairJson } from './repairJson.ts'
import { runSummarize } from './summarize.ts'
import type { Terminal } from './progressBar.ts'

export const HELP = `Usage: instruct-desk [--host URL] [--json] <command>

Work with a local instruct model from the terminal.

Commands:
  doctor            check Node.js, the Ollama server and the data folder; exit 1 if something is missing
  models list       installed models: kind (instruct or base), size, context length, whether loaded
  models show NAME  one model's details: context length, capabilities, license, template, parameters
  models pull NAME  download a model with progress; retries on its own, Ctrl-C stops (pulling again resumes)
  models rm NAME    delete a model
  chat [PROMPT]     ask the model and stream the reply; no PROMPT: read it from stdin, or on a terminal
                    start a session (/model NAME, /system TEXT, /clear, /exit); saved to the app's history
  repair-json --schema FILE [INPUT]
                    turn text into JSON valid against a JSON Schema (--batch, --no-llm, --claude-prompt;
                    \`instruct-desk repair-json --help\` for all)
  summarize FILE... summarize documents (PDF, Word, OpenDocument, RTF, EPUB, HTML, Markdown, text, CSV,
                    JSON, code), one after another; each summary is saved to the app's history. Exit 1
                    if a file failed (its error code and message on stderr); Ctrl-C stops, keeping the parts done
  help              show this help

Options:
  --host URL     Ollama server (default: the app's setting, then OLLAMA_HOST, then 127.0.0.1:11434)
  -m, --model M  the model for chat and summarize (default: the app's default model)
  --system TEXT  the system prompt for chat
  --length L     summary length: short (a paragraph), medium (bullet points), long (a detailed summary),
                 or a preset name: sentence, paragraph, bullets, detailed (default: the app's setting)
  --focus TEXT   what the summary should concentrate on
  --json         print machine-readable JSON instead of text; summarize prints one line per file:
                 {file, summary, chunks: [{id, range, tokens, summary}], calls, truncated, errors}
  -h, --help     show this help
  -v, --version  print the version

A server that needs a token: set OLLAMA_API_KEY (sent as "Authorization: Bearer …").`

export interface CliIo {
  out(text: string): void
  err(text: string): void
  env: NodeJS.ProcessEnv
  /** Set when stdout is a terminal: a pull then redraws one progress line instead of printing many. */
  terminal?: Terminal | undefined
  /** Calls the handler on Ctrl-C until the returned function is called; without it Ctrl-C just ends the process. */
  onInterrupt?(handler: () => void): () => void
  /** Raw output without a line break, for a reply streamed token by token; without it the reply prints when complete. */
  write?(text: string): void
  /** Set when stderr is a terminal: a summary's progress is then redrawn there on one line. */
  progress?: Terminal | undefined
  /** Standard input: a piped prompt, or the lines of an interactive chat. */
  input?: NodeJS.ReadableStream
  /** True when standard input is a terminal: `chat` without a prompt then opens a session. */
  interactive?: boolean
  /** For tests: shorter waits than PullManager's defaults. */
  pullOptions?: Pick<PullManagerOptions, 'retryDelaysMs' | 'stallMs' | 'storage'>
}

/** What every command gets: the server, its own arguments, the global flags and the app's settings. */
export interface CommandContext {
  client: OllamaClient
  args: string[]
  json: boolean
  io: CliIo
  settings: Settings
  model: string | undefined
  system: string | undefined
  length: string | undefined
  focus: string | undefined
}

type Command = (context: CommandContext) => Promise<number>

async function doctor({ client, json, io }: CommandContext): Promise<number> {
  const report = await runDoctor(client, defaultDataDir(io.env), io.env)
  io.out(json ? JSON.stringify(report, null, 2) : formatDoctor(report))
  return report.healthy ? 0 : 1
}

const COMMANDS = new Map<string, Command>([
  ['doctor', doctor],
  ['models', ({ client, args, json, io }) => runModels(args, { client, io, json })],
  ['chat', runChat],
  ['summarize', runSummarize],
])

function printError(io: CliIo, error: unknown): void {
  const { message, hint } = toErrorInfo(error)
  io.err(`instruct-desk: ${hint ? `${message} ${hint}` : message}`)
}

/** Commands with options of their own: they parse the whole argument list themselves. */
const OWN_OPTIONS = new Map<string, (argv: string[], io: CliIo) => Promise<number>>([['repair-json', runRepairJson]])

const GLOBAL_OPTIONS = {
  host: { type: 'string' },
  model: { type: 'string', short: 'm' },
  system: { type: 'string' },
  length: { type: 'string' },
  focus: { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
  version: { type: 'boolean', short: 'v', default: false },
} as const

/** The command word, found without judging options: the first argument that is neither an option nor a global option's value. */
function commandWord(argv: string[]): string {
  return parseArgs({ args: argv, options: GLOBAL_OPTIONS, allowPositionals: true, strict: false }).positionals[0] ?? ''
}

/** Runs one CLI invocation and returns the process exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const own = OWN_OPTIONS.get(commandWord(argv))
  if (own) return own(argv, io)
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: GLOBAL_OPTIONS,
    })
  } catch (error) {
    io.err(`instruct-desk: ${(error as Error).message}\nRun \`instruct-desk --help\` for usage.`)
    return 2
  }
  const { values, positionals } = parsed
  const command = positionals[0] ?? (values.version ? 'version' : 'help')
  if (values.help || command === 'help') {
    io.out(HELP)
    return 0
  }
  if (command === 'version') {
    io.out(packageVersion())
    return 0
  }
  const run = COMMANDS.get(command)
  if (!run) {
    io.err(`instruct-desk: unknown command "${command}". Run \`instruct-desk --help\` for the list.`)
    return 2
  }
  let client: OllamaClient
  // The same server as the app: --host, then the app's setting, then OLLAMA_HOST; the app's extra headers too.
  const settings = await SettingsStore.peek(defaultDataDir(io.env))
  try {
    client = new OllamaClient({ host: resolveHost(values.host ?? settings.ollamaHost, io.env), headers: settings.ollamaHeaders })
  } catch (error) {
    printError(io, error)
    return 2
  }
  try {
    return await run({
      client,
      args: positionals.slice(1),
      json: values.json,
      io,
      settings,
      model: values.model,
      system: values.system,
      length: values.length,
      focus: values.focus,
    })
  } catch (error) {
    printError(io, error)
    return 1
  }
}
