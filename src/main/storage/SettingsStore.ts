import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { EventEmitter } from 'node:events'
import type { z } from 'zod'
import { Settings, type SettingsPatch } from '../../shared/domain/settings.ts'
import { AppError } from '../../shared/ipc/errors.ts'
import { normalizeHost } from '../ollama/hostAddress.ts'
import { readJson, writeJsonAtomic } from './jsonFile.ts'

/**
 * Settings as a validated JSON file in the data dir. A file that cannot be read as settings is
 * kept beside it as `settings.corrupt-<time>.json` and replaced by defaults, never a crash.
 */
export class SettingsStore {
  private value: Settings = Settings.parse({})
  private readonly file: string
  private readonly emitter = new EventEmitter()
  /** Set when load() had to back up an unreadable file; shown once to the user. */
  recoveredFrom: string | undefined

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'settings.json')
  }

  async load(): Promise<Settings> {
    const read = await readJson(this.file)
    if (read.kind === 'missing') return this.value
    const parsed = read.kind === 'ok' ? Settings.safeParse(read.value) : undefined
    if (parsed?.success) {
      this.value = parsed.data
      return this.value
    }
    const backup = this.file.replace(/\.json$/, `.corrupt-${Date.now()}.json`)
    await writeFile(backup, read.kind === 'corrupt' ? read.text : JSON.stringify(read.value))
    this.recoveredFrom = backup
    await writeJsonAtomic(this.file, this.value)
    return this.value
  }

  /** The saved settings without changing anything on disk (for the CLI); defaults when missing or unreadable. */
  static async peek(dataDir: string): Promise<Settings> {
    const read = await readJson(path.join(dataDir, 'settings.json')).catch(() => undefined)
    const parsed = read?.kind === 'ok' ? Settings.safeParse(read.value) : undefined
    return parsed?.success ? parsed.data : Settings.parse({})
  }

  get(): Settings {
    return this.value
  }

  async update(patch: SettingsPatch): Promise<Settings> {
    const fields: Record<string, string> = {}
    if (patch.ollamaHost !== undefined && patch.ollamaHost.trim() !== '') {
      try {
        normalizeHost(patch.ollamaHost)
      } catch (error) {
        fields.ollamaHost = error instanceof AppError ? error.message : String(error)
      }
    }
    const parsed = Settings.safeParse({ ...this.value, ...patch })
    for (const issue of parsed.error?.issues ?? []) fields[String(issue.path[0])] ??= describeIssue(issue)
    if (!parsed.success || Object.keys(fields).length > 0) {
      throw new AppError({
        code: 'SETTINGS_INVALID',
        message: Object.entries(fields)
          .map(([field, message]) => `${field}: ${message}`)
          .join('; '),
        fields,
      })
    }
    this.value = parsed.data
    await writeJsonAtomic(this.file, this.value)
    this.emitter.emit('change', this.value)
    return this.value
  }

  onChange(listener: (settings: Settings) => void): () => void {
    this.emitter.on('change', listener)
    return () => this.emitter.off('change', listener)
  }
}

/** A record's bad key reports only "Invalid key in record"; the reason is one level down. */
function describeIssue(issue: z.core.$ZodIssue): string {
  const key = issue.path.slice(1).join('.')
  const inner = issue.code === 'invalid_key' ? issue.issues[0]?.message : undefined
  return [key && `"${key}"`, inner ?? issue.message].filter(Boolean).join(': ')
}
