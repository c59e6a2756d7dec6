import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { FakeOllama } from '../support/fakeOllama.ts'
import { useTempDirs } from '../support/tempDir.ts'

const root = path.resolve(import.meta.dirname, '../..')
const tempDir = useTempDirs()
const fakes: FakeOllama[] = []
afterEach(async () => Promise.all(fakes.splice(0).map((f) => f.stop())))

/** Async on purpose: the fake server lives in this process, so a blocking spawn would starve it. */
function runNode(args: string[], env: NodeJS.ProcessEnv): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { env })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.once('close', (status) => resolve({ status, stdout, stderr }))
  })
}

async function startFake(): Promise<FakeOllama> {
  const fake = await new FakeOllama().start()
  fakes.push(fake)
  return fake
}

describe('built hosts', () => {
  it('the instruct-desk bin prints help and runs doctor with meaningful exit codes', async () => {
    const fake = await startFake()
    const env = { ...process.env, INSTRUCT_DESK_DATA_DIR: await tempDir() }
    const bin = path.join(root, 'bin/instruct-desk.js')
    const help = await runNode([bin, '--help'], env)
    expect(help.status).toBe(0)
    expect(help.stdout).toContain('Usage: instruct-desk')
    const healthy = await runNode([bin, 'doctor', '--json', '--host', fake.host], env)
    expect(healthy.status).toBe(0)
    expect(JSON.parse(healthy.stdout)).toMatchObject({ healthy: true, ollama: { version: '0.12.6' } })
    await fake.stop()
    const down = await runNode([bin, 'doctor', '--host', fake.host], env)
    expect(down.status).toBe(1)
    expect(down.stdout).toContain('✗ Ollama at')
  })

  it('the web host prints its address with a token, serves with it and refuses without it', async () => {
    const fake = await startFake()
    const child = spawn(process.execPath, [path.join(root, 'out/main/web.js'), '--ollama-host', fake.host], {
      env: { ...process.env, INSTRUCT_DESK_DATA_DIR: await tempDir() },
    })
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = ''
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString()
          const match = /Instruct Desk web preview: (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(out)
          if (match?.[1]) resolve(match[1])
        })
        child.once('exit', (code) => reject(new Error(`web host exited with ${code}: ${out}`)))
      })
      expect((await fetch(url)).status).toBe(200)
      expect((await fetch(new URL('/', url))).status).toBe(401)
    } finally {
      child.kill('SIGTERM')
    }
  })

  it('the web host explains a port that is taken', async () => {
    const fake = await startFake()
    const taken = await runNode([path.join(root, 'out/main/web.js'), '--port', String(fake.port)], {
      ...process.env,
      INSTRUCT_DESK_DATA_DIR: await tempDir(),
    })
    expect(taken.status).toBe(1)
    expect(taken.stderr).toContain(`Port ${fake.port} is already in use`)
  })

  it('the preload is a small CommonJS file, as sandboxed preloads must be', () => {
    const preload = readFileSync(path.join(root, 'out/preload/index.cjs'), 'utf8')
    expect(preload).toMatch(/require\(["']electron["']\)/)
    expect(preload).not.toMatch(/^\s*import\s/m)
    expect(preload).toContain('exposeInMainWorld')
  })
})
