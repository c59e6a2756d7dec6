import { randomUUID } from 'node:crypto'
import path from 'node:path'
import type { z } from 'zod'
import {
  BUILT_IN_PRESETS,
  BUILT_IN_TEMPLATES,
  exportLibrary,
  isBuiltInId,
  LIBRARY_FORMAT,
  LIBRARY_VERSION,
  parseLibrary,
  PresetDraft,
  PromptTemplate,
  SystemPreset,
  TemplateDraft,
  type ImportCounts,
  type PromptLibraryFile,
  type PromptLibraryList,
} from '../../shared/domain/prompts.ts'
import { AppError } from '../../shared/ipc/errors.ts'
import { readSalvaged, writeJsonAtomic } from './jsonFile.ts'

type Kind = 'preset' | 'template'

/**
 * The user's own presets and templates in `<dataDir>/prompts.json`, stored in the same versioned
 * envelope as an export. Built-ins live in code and are merged in by list(), so an app update
 * can improve them and no user file can shadow them.
 *
 * A file that cannot be read is kept beside it as `prompts.corrupt-<time>.json`; entries that
 * are individually invalid (a hand edit gone wrong) are dropped but the rest are kept, and the
 * backup still holds everything.
 */
export class PromptLibraryStore {
  private presets: SystemPreset[] = []
  private templates: PromptTemplate[] = []
  private readonly file: string
  private loading: Promise<void> | undefined
  /** Writes run one after another, so a slow rename can never put an older library on disk last. */
  private writes: Promise<void> = Promise.resolve()
  /** Set when load() had to back up an unreadable file. */
  recoveredFrom: string | undefined

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'prompts.json')
  }

  /** Reads the file once; every other method waits for it, so callers need not call it first. */
  load(): Promise<void> {
    this.loading ??= this.read()
    return this.loading
  }

  private async read(): Promise<void> {
    const { value, backup } = await readSalvaged(this.file, salvage)
    if (value) {
      this.presets = value.presets
      this.templates = value.templates
    }
    if (!backup) return
    this.recoveredFrom = backup
    await this.persist()
  }

  async list(): Promise<PromptLibraryList> {
    await this.load()
    return { presets: [...BUILT_IN_PRESETS, ...this.presets], templates: [...BUILT_IN_TEMPLATES, ...this.templates] }
  }

  async savePreset(draft: PresetDraft): Promise<SystemPreset> {
    await this.load()
    const preset = validate(SystemPreset, { ...validate(PresetDraft, draft), id: this.writableId('preset', draft.id), builtIn: false })
    this.presets = upsert(this.presets, preset)
    await this.persist()
    return preset
  }

  async saveTemplate(draft: TemplateDraft): Promise<PromptTemplate> {
    await this.load()
    const template = validate(PromptTemplate, {
      ...validate(TemplateDraft, draft),
      id: this.writableId('template', draft.id),
      builtIn: false,
    })
    this.templates = upsert(this.templates, template)
    await this.persist()
    return template
  }

  /** False when there was nothing with that id (already deleted, e.g. in another window). */
  async deletePreset(id: string): Promise<boolean> {
    await this.load()
    this.refuseBuiltIn('preset', id, 'deleted')
    const before = this.presets.length
    this.presets = this.presets.filter((p) => p.id !== id)
    if (this.presets.length === before) return false
    await this.persist()
    return true
  }

  async deleteTemplate(id: string): Promise<boolean> {
    await this.load()
    this.refuseBuiltIn('template', id, 'deleted')
    const before = this.templates.length
    this.templates = this.templates.filter((t) => t.id !== id)
    if (this.templates.length === before) return false
    await this.persist()
    return true
  }

  /**
   * Adds a file's items to the user's library. An item whose id is taken gets a new id (both
   * are kept), unless it is identical to the one already there: then importing the same file
   * twice adds nothing.
   */
  async importLibrary(json: unknown): Promise<ImportCounts> {
    await this.load()
    const parsed = parseLibrary(json)
    if (!parsed.ok) {
      throw new AppError({
        code: 'FILE_UNSUPPORTED',
        message: parsed.error,
        hint: 'Choose a file made with Export in the prompt library (instruct-desk-prompts JSON).',
      })
    }
    const counts: ImportCounts = { presets: 0, templates: 0, skipped: 0 }
    for (const preset of parsed.library.presets) {
      const same = this.presets.find((p) => p.id === preset.id)
      if (same && sameContent(same, preset)) counts.skipped++
      else {
        this.presets.push({ ...preset, id: this.freeId(preset.id) })
        counts.presets++
      }
    }
    for (const template of parsed.library.templates) {
      const same = this.templates.find((t) => t.id === template.id)
      if (same && sameContent(same, template)) counts.skipped++
      else {
        this.templates.push({ ...template, id: this.freeId(template.id) })
        counts.templates++
      }
    }
    if (counts.presets + counts.templates > 0) await this.persist()
    return counts
  }

  /** The user's items only: built-ins ship with every copy of the app. */
  async exportLibrary(): Promise<PromptLibraryFile> {
    await this.load()
    return exportLibrary({ presets: this.presets, templates: this.templates })
  }

  private refuseBuiltIn(kind: Kind, id: string | undefined, verb: 'changed' | 'deleted'): void {
    if (id === undefined || !isBuiltInId(id)) return
    const fix = verb === 'deleted' ? 'They ship with the app; you can simply not use them.' : 'Duplicate it and edit the copy instead.'
    throw new AppError({ code: 'BAD_REQUEST', message: `Built-in ${kind}s cannot be ${verb}. ${fix}` })
  }

  /** A new item gets a fresh id; an existing id is replaced in place. Built-in ids are refused. */
  private writableId(kind: Kind, id: string | undefined): string {
    this.refuseBuiltIn(kind, id, 'changed')
    return id ?? randomUUID()
  }

  private freeId(id: string): string {
    const taken = isBuiltInId(id) || this.presets.some((p) => p.id === id) || this.templates.some((t) => t.id === id)
    return taken ? randomUUID() : id
  }

  private persist(): Promise<void> {
    const snapshot = { format: LIBRARY_FORMAT, version: LIBRARY_VERSION, presets: [...this.presets], templates: [...this.templates] }
    const write = this.writes.then(() => writeJsonAtomic(this.file, snapshot))
    // A failed write must not block later ones; the caller still sees its own failure.
    this.writes = write.catch(() => undefined)
    return write
  }
}

/** Requests arrive validated by the contract; this keeps direct callers (CLI, tests) to the same rules, as a BAD_REQUEST. */
function validate<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value)
  if (parsed.success) return parsed.data
  const detail = parsed.error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || 'request'}: ${issue.message}`)
    .join('; ')
  throw new AppError({ code: 'BAD_REQUEST', message: `The prompt could not be saved — ${detail}.` })
}

function upsert<T extends { id: string }>(items: T[], item: T): T[] {
  const at = items.findIndex((existing) => existing.id === item.id)
  return at === -1 ? [...items, item] : items.map((existing, index) => (index === at ? item : existing))
}

function sameContent(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

/**
 * The valid entries of a stored library; undefined when the envelope itself is not ours.
 * `dropped` says whether anything had to be left out (then the file is backed up and rewritten).
 */
function salvage(value: unknown): { value: { presets: SystemPreset[]; templates: PromptTemplate[] }; dropped: boolean } | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const root = value as Record<string, unknown>
  if (root.format !== LIBRARY_FORMAT || root.version !== LIBRARY_VERSION) return undefined
  if (!Array.isArray(root.presets) || !Array.isArray(root.templates)) return undefined
  // Stored items are the user's by definition; a duplicated or built-in id (a hand edit) is dropped rather than guessed at.
  const keeper = () => {
    const ids = new Set<string>()
    return (id: string): boolean => !isBuiltInId(id) && !ids.has(id) && Boolean(ids.add(id))
  }
  const keepPreset = keeper()
  const keepTemplate = keeper()
  const presets = root.presets.flatMap((item) => {
    const parsed = SystemPreset.safeParse({ ...asObject(item), builtIn: false })
    return parsed.success && keepPreset(parsed.data.id) ? [parsed.data] : []
  })
  const templates = root.templates.flatMap((item) => {
    const parsed = PromptTemplate.safeParse({ ...asObject(item), builtIn: false })
    return parsed.success && keepTemplate(parsed.data.id) ? [parsed.data] : []
  })
  return { value: { presets, templates }, dropped: presets.length !== root.presets.length || templates.length !== root.templates.length }
}

function asObject(item: unknown): object {
  return typeof item === 'object' && item !== null ? item : {}
}
