import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runCli, type CliIo } from '../../src/main/cli/index.ts'
import { FakeOllama } from '../support/fakeOllama.ts'
import { useTempDirs } from '../support/tempDir.ts'

const tempDir = useTempDirs()
let fake: FakeOllama

beforeEach(async () => {
  fake = await new FakeOllama().start()
})
afterEach(() => fake.stop())

async function run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; out: string; err: string }> {
  let out = ''
  let err = ''
  const io: CliIo = {
    out: (t) => (out += `${t}\n`),
    err: (t) => (err += `${t}\n`),
    env: { INSTRUCT_DESK_DATA_DIR: await tempDir(), PATH: '', ...env },
  }
  const code = await runCli(args, io)
  return { code, out, err }
}

describe('instruct-desk CLI', () => {
  it('prints help with the commands and global options', async () => {
    const { code, out } = await run(['--help'])
    expect(code).toBe(0)
    expect(out).toContain('doctor')
    expect(out).toContain('--host URL')
    expect(out).toContain('--json')
  })

  it('doctor exits 0 and reports the version when Ollama answers', async () => {
    const { code, out } = await run(['doctor', '--host', fake.host])
    expect(code).toBe(0)
    expect(out).toContain(`✓ Ollama at ${fake.host}: Ollama 0.12.6 is running`)
    expect(out).toContain('Everything needed is in place.')
  })

  it('doctor takes the host from OLLAMA_HOST when --host is absent', async () => {
    const { code, out } = await run(['doctor', '--json'], { OLLAMA_HOST: `127.0.0.1:${fake.port}` })
    expect(code).toBe(0)
    expect(JSON.parse(out)).toMatchObject({ healthy: true, ollama: { host: fake.host, version: '0.12.6', remote: false } })
  })

  it('doctor exits 1 with the reason and the fix when Ollama is down', async () => {
    await fake.stop()
    const { code, out } = await run(['doctor', '--host', fake.host, '--json'])
    expect(code).toBe(1)
    const report = JSON.parse(out) as {
      healthy: boolean
      ollama: { ok: boolean; detail: string }
      features: Record<string, { ok: boolean }>
    }
    expect(report.healthy).toBe(false)
    expect(report.ollama.detail).toContain('not running')
    expect(report.ollama.detail).toContain('curl -fsSL https://ollama.com/install.sh | sh')
    expect(report.features.chat?.ok).toBe(false)
    expect(report.features.jsonRepair?.ok).toBe(true)
  })

  it('rejects an unusable host and an unknown command with exit code 2', async () => {
    expect(await run(['doctor', '--host', 'ftp://x'])).toMatchObject({
      code: 2,
      err: expect.stringContaining('not a usable Ollama address'),
    })
    expect(await run(['frobnicate'])).toMatchObject({ code: 2, err: expect.stringContaining('unknown command "frobnicate"') })
    expect(await run(['doctor', '--bogus'])).toMatchObject({ code: 2, err: expect.stringContaining('--bogus') })
  })
})
