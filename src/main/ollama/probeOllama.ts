import type { OllamaStatus } from '../../shared/domain/ollamaStatus.ts'
import type { OllamaClient } from './OllamaClient.ts'
import { installInstruction } from './OllamaServer.ts'

export interface Probe {
  status: OllamaStatus
  /** Why the version request failed, in words a person can act on; absent when running. */
  failure?: string
}

/**
 * One answer to "is Ollama there, and if not, why?", shared by the live status area and
 * `doctor`: a version request, then — only for a host on this machine — a look for the executable
 * to tell "not running" from "not installed".
 */
export async function probeOllama(
  client: OllamaClient,
  findExecutable: () => Promise<string | undefined>,
  timeoutMs: number,
): Promise<Probe> {
  const host = client.host
  try {
    return { status: { state: 'running', host, version: await client.version(AbortSignal.timeout(timeoutMs)) } }
  } catch (error) {
    const failure = error instanceof Error ? error.message : String(error)
    if (client.remote) return { status: { state: 'unreachable', host, reason: failure }, failure }
    const executable = await findExecutable()
    return {
      status: executable
        ? { state: 'not-running', host, executable }
        : { state: 'not-installed', host, instruction: installInstruction(process.platform) },
      failure,
    }
  }
}
