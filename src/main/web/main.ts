import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { createApp } from '../app.ts'
import { defaultDataDir } from '../storage/dataDir.ts'
import { startWebBridge } from './WebBridge.ts'
import { warmUp } from '../tokens/tokenCounter.ts'

const USAGE = `Usage: npm run web -- [--port N] [--ollama-host URL] [--] [FILE...]

Serves the Instruct Desk interface on 127.0.0.1 for a browser, with the same features as the app.
FILEs open on the Summarize screen and start summarizing, as files opened with the app do.
  --port N            port to listen on (default: any free port)
  --ollama-host URL   Ollama server to use (default: settings, then OLLAMA_HOST, then 127.0.0.1:11434)`

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: { port: { type: 'string' }, 'ollama-host': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
  })
  if (values.help) return console.log(USAGE)
  const port = values.port === undefined ? 0 : Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a number from 0 to 65535, not "${values.port}".`)

  const app = await createApp({ host: 'web', dataDir: defaultDataDir(), ollamaHost: values['ollama-host'], superviseOllama: true })
  app.ollama.start()
  // The tokenizer's vocabulary takes a moment to load; do it now rather than on the first count.
  setTimeout(() => void warmUp(), 1_000).unref()
  const rendererDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../renderer')
  const bridge = await startWebBridge({ app, rendererDir, port }).catch(async (error: NodeJS.ErrnoException) => {
    await app.dispose()
    throw error.code === 'EADDRINUSE'
      ? new Error(`Port ${port} is already in use. Pick another with --port, or omit it to use any free port.`)
      : error
  })
  // Read before the address is out, so they wait for the first page that opens.
  await app.openFiles(positionals.map((file) => path.resolve(file)))
  console.log(`Instruct Desk web preview: ${bridge.url}`)

  const shutdown = (): void => {
    void Promise.all([app.dispose(), bridge.close()]).then(() => process.exit(0))
  }
  process.once('SIGINT', shutdown)
  process.once('SIGTERM', shutdown)
}

main().catch((error: unknown) => {
  console.error(`instruct-desk web: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
})
