import { access, constants, mkdir } from 'node:fs/promises'
import { findOllamaExecutable } from '../ollama/findExecutable.ts'
import type { OllamaClient } from '../ollama/OllamaClient.ts'

export const REQUIRED_NODE = '22.12.0'

export interface Check {
  ok: boolean
  detail: string
}

export interface DoctorReport {
  healthy: boolean
  node: Check & { version: string }
  ollama: Check & { host: string; remote: boolean; version?: string; executable?: string }
  dataDir: Check & { path: string }
  features: Record<'chat' | 'models' | 'summarize' | 'jsonRepair' | 'claude', Check>
}

export function nodeVersionOk(version: string): boolean {
  const [major = 0, minor = 0] = version.split('.').map(Number)
  return major > 22 || (major === 22 && minor >= 12)
}

async function checkDataDir(dir: string): Promise<Check> {
  try {
    await mkdir(dir, { recursive: true })
    await access(dir, constants.W_OK)
    return { ok: true, detail: 'writable' }
  } catch (error) {
    return {
      ok: false,
      detail: `not writable (${(error as NodeJS.ErrnoException).code ?? 'error'}); set INSTRUCT_DESK_DATA_DIR to a folder you own`,
    }
  }
}

async function checkOllama(client: OllamaClient, env: NodeJS.ProcessEnv): Promise<DoctorReport['ollama']> {
  const base = { host: client.host, remote: client.remote }
  try {
    const version = await client.version(AbortSignal.timeout(5_000))
    return { ...base, ok: true, version, detail: `Ollama ${version} is running` }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    if (client.remote) return { ...base, ok: false, detail: reason }
    const executable = await findOllamaExecutable({ env })
    return executable
      ? { ...base, ok: false, executable, detail: `${reason} It is installed at ${executable}; start it with \`ollama serve\`.` }
      : { ...base, ok: false, detail: `${reason} No ollama executable was found; install it from https://ollama.com/download.` }
  }
}

export async function runDoctor(client: OllamaClient, dataDir: string, env: NodeJS.ProcessEnv = process.env): Promise<DoctorReport> {
  const nodeVersion = process.versions.node
  const node = {
    version: nodeVersion,
    ok: nodeVersionOk(nodeVersion),
    detail: nodeVersionOk(nodeVersion) ? 'new enough' : `needs ${REQUIRED_NODE} or newer`,
  }
  const [ollama, dir] = await Promise.all([checkOllama(client, env), checkDataDir(dataDir)])
  const needsOllama: Check = ollama.ok ? { ok: true, detail: 'ready' } : { ok: false, detail: 'needs a reachable Ollama server' }
  const hasKey = Boolean(env.ANTHROPIC_API_KEY)
  return {
    healthy: node.ok && ollama.ok && dir.ok,
    node,
    ollama,
    dataDir: { path: dataDir, ...dir },
    features: {
      chat: needsOllama,
      models: needsOllama,
      summarize: needsOllama,
      jsonRepair: ollama.ok ? { ok: true, detail: 'ready' } : { ok: true, detail: 'deterministic repair only (no local model)' },
      claude: hasKey
        ? { ok: true, detail: 'ANTHROPIC_API_KEY is set' }
        : { ok: false, detail: 'optional; set ANTHROPIC_API_KEY to enable' },
    },
  }
}

export function formatDoctor(report: DoctorReport): string {
  const mark = (ok: boolean): string => (ok ? '✓' : '✗')
  const lines = [
    'Instruct Desk doctor',
    `  ${mark(report.node.ok)} Node.js ${report.node.version} (${report.node.detail})`,
    `  ${mark(report.ollama.ok)} Ollama at ${report.ollama.host}${report.ollama.remote ? ' (remote)' : ''}: ${report.ollama.detail}`,
    `  ${mark(report.dataDir.ok)} Data folder ${report.dataDir.path}: ${report.dataDir.detail}`,
    'Features',
    ...Object.entries(report.features).map(([name, check]) => `  ${mark(check.ok)} ${name}: ${check.detail}`),
    '',
    report.healthy ? 'Everything needed is in place.' : 'Some checks failed; see the lines marked ✗ above.',
  ]
  return lines.join('\n')
}
