import path from 'node:path'
import type { SecretName, SecretsStatus } from '../../shared/domain/settings.ts'
import { AppError } from '../../shared/ipc/errors.ts'
import { readJson, writeJsonAtomic } from './jsonFile.ts'

/** The OS keychain-backed encryption the Electron host supplies (safeStorage); services never import electron. */
export interface SecretCipher {
  encrypt(plain: string): Buffer
  decrypt(sealed: Buffer): string
}

/**
 * Secrets kept only with a keychain; without one they come from this environment variable instead.
 * An API key that costs money is not typed into a window that would forget it on close.
 */
const FROM_ENVIRONMENT: Partial<Record<SecretName, string>> = { anthropicKey: 'ANTHROPIC_API_KEY' }

/**
 * Secrets such as an Ollama bearer token or the Anthropic API key. With a cipher they are stored
 * encrypted in `secrets.json`; without one (no keychain) the token is kept in memory only, and the
 * app says so, rather than writing it in plain text, and the Anthropic key is read from the environment.
 */
export class SecretStore {
  private readonly values = new Map<SecretName, string>()
  private readonly file: string
  private readonly cipher: SecretCipher | undefined
  private readonly environment: NodeJS.ProcessEnv

  constructor(dataDir: string, cipher?: SecretCipher, environment: NodeJS.ProcessEnv = process.env) {
    this.file = path.join(dataDir, 'secrets.json')
    this.cipher = cipher
    this.environment = environment
  }

  async load(): Promise<void> {
    if (!this.cipher) return
    const read = await readJson(this.file)
    if (read.kind !== 'ok' || typeof read.value !== 'object' || read.value === null) return
    for (const [name, sealed] of Object.entries(read.value)) {
      try {
        if (typeof sealed === 'string') this.values.set(name as SecretName, this.cipher.decrypt(Buffer.from(sealed, 'base64')))
      } catch {
        // Sealed by another user or machine: unreadable here, so treat it as not set.
      }
    }
  }

  /** The stored value, else the environment's for names that have one. */
  get(name: SecretName): string | undefined {
    return this.values.get(name) ?? this.fromEnvironment(name)
  }

  status(): SecretsStatus {
    return {
      ollamaToken: this.values.has('ollamaToken'),
      anthropicKey: this.values.has('anthropicKey'),
      anthropicKeyFromEnvironment: this.fromEnvironment('anthropicKey') !== undefined,
      persistent: this.cipher !== undefined,
    }
  }

  async set(name: SecretName, value: string): Promise<SecretsStatus> {
    const variable = FROM_ENVIRONMENT[name]
    if (!this.cipher && variable) {
      throw new AppError({
        code: 'BAD_REQUEST',
        message: `Without a system keychain the key is not stored: it is read from the ${variable} environment variable.`,
        hint: `Set ${variable} before starting Instruct Desk, or use the desktop app, which stores it encrypted.`,
      })
    }
    this.values.set(name, value)
    await this.save()
    return this.status()
  }

  async clear(name: SecretName): Promise<SecretsStatus> {
    this.values.delete(name)
    await this.save()
    return this.status()
  }

  private fromEnvironment(name: SecretName): string | undefined {
    const variable = FROM_ENVIRONMENT[name]
    return (variable && this.environment[variable]?.trim()) || undefined
  }

  private async save(): Promise<void> {
    const cipher = this.cipher
    if (!cipher) return
    const sealed = Object.fromEntries([...this.values].map(([name, value]) => [name, cipher.encrypt(value).toString('base64')]))
    await writeJsonAtomic(this.file, sealed)
  }
}
