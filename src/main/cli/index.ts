import { parseArgs } from 'node:util'
import { AppError } from '../../shared/ipc/errors.ts'
import { resolveHost } from '../ollama/hostAddress.ts'
import { OllamaClient } from '../ollama/OllamaClient.ts'
import { packageVersion } from '../packageInfo.ts'
import { defaultDataDir } from '../storage/dataDir.ts'
import { formatDoctor, runDoctor } from './doctor.ts'

export const HELP = `Usage: instruct-desk [--host URL] [--json] <command>

Work with a local instruct model from the terminal.

Commands:
  doctor      check Node.js, the Ollama server and the data folder; exit 1 if something is missing
  help        show this help

Options:
  --host URL  Ollama server (default: OLLAMA_HOST, then 127.0.0.1:11434)
  --json      print machine-readable JSON instead of text
  -h, --help  show this help
  -v, --version  print the version`

export interface CliIo {
  out(text: string): void
  err(text: string): void
  env: NodeJS.ProcessEnv
}

/** Runs one CLI invocation and returns the process exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        host: { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
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
  if (command !== 'doctor') {
    io.err(`instruct-desk: unknown command "${command}". Run \`instruct-desk --help\` for the list.`)
    return 2
  }
  let host: string
  try {
    host = resolveHost(values.host, io.env)
  } catch (error) {
    io.err(`instruct-desk: ${error instanceof AppError ? `${error.message} ${error.hint ?? ''}`.trim() : String(error)}`)
    return 2
  }
  const report = await runDoctor(new OllamaClient({ host }), defaultDataDir(io.env), io.env)
  io.out(values.json ? JSON.stringify(report, null, 2) : formatDoctor(report))
  return report.healthy ? 0 : 1
}
