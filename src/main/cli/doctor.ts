import { access, constants, mkdir } from 'node:fs/promises'
import { findOllamaExecutable } from '../ollama/findExecutable.ts'
import type { OllamaClient } from '../ollama/OllamaClient.ts'
import { installInstruction } from '../ollama/OllamaServer.ts'
import { probeOllama } from '../ollama/probeOllama.ts'

export const REQUIRED_NODE = '22.16.0'

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
  const { status, failure = '' } = await probeOllama(client, () => findOllamaExecutable({ env }), 5_000)
  switch (status.state) {
    case 'running':
      return { ...base, ok: true, version: status.version, detail: `Ollama ${status.version} is running` }
    case 'not-running':
      return {
        ...base,
        ok: false,
        executable: status.executable,
        detail: `${failure} It is installed at ${status.executable}; start it with \`ollama serve\`.`,
      }
    case 'not-installed':
      return { ...base, ok: false, detail: `${failure} No ollama executable was found. ${installInstruction(process.platform)}` }
    default:
      return { ...base, ok: false, detail: failure }
  }
}

export async function runDoctor(client: OllamaClient, dataDir: string, env: NodeJS.ProcessEnv = process.env): Promise<DoctorReport> {
  const nodeVersion = process.versions.node
  const nodeOk = nodeVersionOk(nodeVersion)
  const node = { version: nodeVersion, ok: nodeOk, detail: nodeOk ? 'new enough' : `needs ${REQUIRED_NODE} or newer` }
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
