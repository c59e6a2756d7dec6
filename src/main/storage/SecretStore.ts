import path from 'node:path'
import type { SecretName, SecretsStatus } from '../../shared/domain/settings.ts'
import { readJson, writeJsonAtomic } from './jsonFile.ts'

/** The OS keychain-backed encryption the Electron host supplies (safeStorage); services never import electron. */
export interface SecretCipher {
  encrypt(plain: string): Buffer
  decrypt(sealed: Buffer): string
}

/**
 * Secrets such as an Ollama bearer token or the Anthropic API key. With a cipher they are stored
 * encrypted in `secrets.json`; without one (no keychain) they are kept in memory only, and the app
 * says so, rather than writing them in plain text.
 */
export class SecretStore {
  private readonly values = new Map<SecretName, string>()
  private readonly file: string
  private readonly cipher: SecretCipher | undefined

  constructor(dataDir: string, cipher?: SecretCipher) {
    this.file = path.join(dataDir, 'secrets.json')
    this.cipher = cipher
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

  get(name: SecretName): string | undefined {
    return this.values.get(name)
  }

  status(): SecretsStatus {
    return {
      ollamaToken: this.values.has('ollamaToken'),
      anthropicKey: this.values.has('anthropicKey'),
      persistent: this.cipher !== undefined,
    }
  }

  async set(name: SecretName, value: string): Promise<SecretsStatus> {
    this.values.set(name, value)
    await this.save()
    return this.status()
  }

  async clear(name: SecretName): Promise<SecretsStatus> {
    this.values.delete(name)
    await this.save()
    return this.status()
  }

  private async save(): Promise<void> {
    const cipher = this.cipher
    if (!cipher) return
    const sealed = Object.fromEntries([...this.values].map(([name, value]) => [name, cipher.encrypt(value).toString('base64')]))
    await writeJsonAtomic(this.file, sealed)
  }
}
