import { afterEach, describe, expect, it } from 'vitest'
import type { OllamaStatus } from '../../src/shared/domain/ollamaStatus.ts'
import { AppError } from '../../src/shared/ipc/errors.ts'
import { OllamaClient } from '../../src/main/ollama/OllamaClient.ts'
import { OllamaStatusMonitor } from '../../src/main/ollama/OllamaStatusMonitor.ts'
import { FakeOllama } from '../support/fakeOllama.ts'

const fakes: FakeOllama[] = []
afterEach(async () => Promise.all(fakes.splice(0).map((f) => f.stop())))

function waitFor(monitor: OllamaStatusMonitor, state: OllamaStatus['state']): Promise<OllamaStatus> {
  return new Promise((resolve) => {
    if (monitor.current().state === state) return resolve(monitor.current())
    const off = monitor.onChange((status) => {
      if (status.state === state) {
        off()
        resolve(status)
      }
    })
  })
}

describe('OllamaStatusMonitor', () => {
  it('follows the server through running → down → came back, announcing each change once', async () => {
    const fake = await new FakeOllama({ version: '0.12.6' }).start()
    fakes.push(fake)
    const client = new OllamaClient({ host: fake.host })
    const monitor = new OllamaStatusMonitor({
      client: () => client,
      findExecutable: async () => '/usr/local/bin/ollama',
      upIntervalMs: 30,
      downIntervalMs: 30,
    })
    const seen: string[] = []
    monitor.onChange((s) => seen.push(s.state))
    monitor.start()

    expect(await waitFor(monitor, 'running')).toEqual({ state: 'running', host: fake.host, version: '0.12.6' })
    await fake.stop()
    expect(await waitFor(monitor, 'not-running')).toEqual({ state: 'not-running', host: fake.host, executable: '/usr/local/bin/ollama' })
    fake.version = '0.12.7'
    await fake.start()
    expect(await waitFor(monitor, 'running')).toMatchObject({ version: '0.12.7' })
    monitor.stop()
    expect(seen).toEqual(['running', 'not-running', 'running'])
  })

  it('says not-installed when nothing answers and no executable exists', async () => {
    const fake = await new FakeOllama().start()
    const host = fake.host
    await fake.stop()
    const monitor = new OllamaStatusMonitor({ client: () => new OllamaClient({ host }), findExecutable: async () => undefined })
    expect(await monitor.check()).toMatchObject({ state: 'not-installed', host, instruction: expect.stringContaining('ollama.com') })
  })

  it('calls a remote host that does not answer unreachable, without looking for a local executable', async () => {
    let looked = false
    const monitor = new OllamaStatusMonitor({
      // A remote server that does not answer; no traffic leaves this machine in tests.
      client: () =>
        ({
          host: 'https://ollama.example.com',
          remote: true,
          version: () =>
            Promise.reject(
              new AppError({ code: 'OLLAMA_UNREACHABLE', message: 'Could not reach the Ollama server at https://ollama.example.com.' }),
            ),
        }) as unknown as OllamaClient,
      findExecutable: async () => {
        looked = true
        return undefined
      },
    })
    const status = await monitor.check()
    expect(status).toMatchObject({
      state: 'unreachable',
      host: 'https://ollama.example.com',
      reason: expect.stringContaining('Could not reach'),
    })
    expect(looked).toBe(false)
  })
})
