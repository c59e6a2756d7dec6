import { chmod, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

export interface FakeExecutableOptions {
  /** What `serve` reports and `-v` prints; default 0.12.6. */
  version?: string
}

const entry = pathToFileURL(path.join(path.dirname(fileURLToPath(import.meta.url)), 'fakeOllamaMain.ts')).href

/**
 * Writes an executable `ollama` into `dir` that behaves like the real CLI for `serve` and `-v`
 * (see fakeOllamaMain.ts). It runs on the Node that runs the tests: that one strips TypeScript
 * types, the system Node may not. Environment knobs: FAKE_OLLAMA_CRASH_AFTER_MS (panic and exit 2
 * that long after listening), FAKE_OLLAMA_ENV_LOG (a file that receives the OLLAMA_* variables).
 */
export async function writeFakeOllama(dir: string, options: FakeExecutableOptions = {}): Promise<string> {
  const file = path.join(dir, 'ollama')
  await writeFile(file, fakeOllamaScript(options))
  await chmod(file, 0o755)
  return file
}

/** The executable's text, for packing into a fake release archive. */
export function fakeOllamaScript(options: FakeExecutableOptions = {}): string {
  const program = { version: options.version ?? '0.12.6' }
  return [
    `#!${process.execPath}`,
    `import(${JSON.stringify(entry)}).then((m) => m.runFakeOllama(process.argv.slice(2), ${JSON.stringify(program)}))`,
    '',
  ].join('\n')
}
