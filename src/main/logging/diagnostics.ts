import type { AppInfo } from '../../shared/domain/appInfo.ts'
import type { OllamaStatus } from '../../shared/domain/ollamaStatus.ts'
import type { SecretsStatus, Settings } from '../../shared/domain/settings.ts'
import type { LogEntry } from './AppLog.ts'

export interface DiagnosticsInput {
  info: AppInfo
  status: OllamaStatus
  settings: Settings
  secrets: SecretsStatus
  problems: LogEntry[]
  logFile: string
}

/**
 * What a bug report needs, as plain text to paste: versions, where Ollama is and how it is doing,
 * the settings, which secrets are set (never their values; header values are left out too, as
 * proxies often carry keys in them) and the recent problems.
 */
export function diagnosticsText({ info, status, settings, secrets, problems, logFile }: DiagnosticsInput): string {
  const { ollamaHeaders, ...plain } = settings
  const lines = [
    `${info.name} ${info.version} (${info.host}) on ${info.platform}, Node.js ${info.nodeVersion}`,
    `Data folder: ${info.dataDir}`,
    `Log file: ${logFile}`,
    '',
    `Ollama: ${status.state} at ${status.host}${status.state === 'running' ? `, version ${status.version}${status.managed ? ', started by the app' : ''}` : ''}`,
    ...(status.state === 'failed'
      ? [`  ${status.error.code}: ${status.error.message}`, ...status.logTail.slice(-5).map((l) => `  | ${l}`)]
      : []),
    '',
    'Settings:',
    ...Object.entries(plain).map(([key, value]) => `  ${key}: ${JSON.stringify(value)}`),
    `  ollamaHeaders: ${Object.keys(ollamaHeaders).join(', ') || 'none'} (values not shown)`,
    `Secrets: Ollama token ${secrets.ollamaToken ? 'set' : 'not set'}, Anthropic key ${secrets.anthropicKey ? 'set' : secrets.anthropicKeyFromEnvironment ? 'from the environment' : 'not set'}, ${secrets.persistent ? 'kept in the system keychain' : 'no keychain'}`,
    '',
    problems.length ? 'Recent problems (newest last):' : 'No problems since the app started.',
    ...problems.map((p) => `  ${p.at} ${p.level} ${p.event}${p.detail ? ` ${JSON.stringify(p.detail)}` : ''}`),
  ]
  return `${lines.join('\n')}\n`
}
