import { randomUUID } from 'node:crypto'
import path from 'node:path'
import { SavedSchema, type SchemaDraft } from '../../../shared/domain/jsonJobs.ts'
import { AppError } from '../../../shared/ipc/errors.ts'
import { readSalvaged, writeJsonAtomic } from '../../storage/jsonFile.ts'
import { BUILTIN_SCHEMAS, isBuiltinSchemaId } from './builtinSchemas.ts'

const FORMAT = 'instruct-desk-schemas'
const VERSION = 1

/**
 * The user's schemas in `<dataDir>/schemas.json`, listed after the built-in examples, which live in
 * code (an update can improve them, no file can shadow them). A file that cannot be read is kept
 * beside it as `schemas.corrupt-<time>.json` and the library starts again from what could be read.
 */
export class SchemaLibrary {
  private schemas: SavedSchema[] = []
  private readonly file: string
  private loading: Promise<void> | undefined
  /** One write after another, so a slow rename never leaves an older library on disk last. */
  private writes: Promise<void> = Promise.resolve()
  /** Set when loading had to back up an unreadable file. */
  recoveredFrom: string | undefined

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'schemas.json')
  }

  async list(): Promise<SavedSchema[]> {
    await this.load()
    return [...BUILTIN_SCHEMAS, ...this.schemas]
  }

  /** A draft without an id is a new schema; with one, it replaces that schema (or is added under it). */
  async save(draft: SchemaDraft): Promise<SavedSchema> {
    await this.load()
    if (draft.id !== undefined && isBuiltinSchemaId(draft.id))
      throw builtInRefused('changed', 'Save it under a new name and edit the copy.')
    const schema: SavedSchema = {
      id: draft.id ?? randomUUID(),
      name: draft.name,
      schema: draft.schema,
      builtIn: false,
      updatedAt: Date.now(),
    }
    const at = this.schemas.findIndex((saved) => saved.id === schema.id)
    this.schemas = at === -1 ? [...this.schemas, schema] : this.schemas.map((saved, index) => (index === at ? schema : saved))
    await this.persist()
    return schema
  }

  /** False when there was nothing with that id (already deleted, e.g. in another window). */
  async delete(id: string): Promise<boolean> {
    await this.load()
    if (isBuiltinSchemaId(id)) throw builtInRefused('deleted', 'They ship with the app; you can simply not use them.')
    const kept = this.schemas.filter((saved) => saved.id !== id)
    if (kept.length === this.schemas.length) return false
    this.schemas = kept
    await this.persist()
    return true
  }

  /** Reads the file once; every method waits for it. */
  private load(): Promise<void> {
    this.loading ??= this.read()
    return this.loading
  }

  private async read(): Promise<void> {
    const { value, backup } = await readSalvaged(this.file, salvage)
    if (value) this.schemas = value
    if (!backup) return
    this.recoveredFrom = backup
    await this.persist()
  }

  private persist(): Promise<void> {
    const snapshot = { format: FORMAT, version: VERSION, schemas: [...this.schemas] }
    const write = this.writes.then(() => writeJsonAtomic(this.file, snapshot))
    // A failed write must not block later ones; the caller still sees its own failure.
    this.writes = write.catch(() => undefined)
    return write
  }
}

function builtInRefused(verb: 'changed' | 'deleted', fix: string): AppError {
  return new AppError({ code: 'BAD_REQUEST', message: `Built-in example schemas cannot be ${verb}. ${fix}` })
}

/**
 * The valid entries of a stored library, or undefined when the file is not one. Entries a hand edit
 * broke (or that claim a built-in or duplicate id) are left out, and `dropped` says so.
 */
function salvage(value: unknown): { value: SavedSchema[]; dropped: boolean } | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const root = value as Record<string, unknown>
  if (root.format !== FORMAT || root.version !== VERSION || !Array.isArray(root.schemas)) return undefined
  const ids = new Set<string>()
  const schemas = root.schemas.flatMap((item: unknown) => {
    const parsed = SavedSchema.safeParse(typeof item === 'object' && item !== null ? { ...item, builtIn: false } : item)
    if (!parsed.success || isBuiltinSchemaId(parsed.data.id) || ids.has(parsed.data.id)) return []
    ids.add(parsed.data.id)
    return [parsed.data]
  })
  return { value: schemas, dropped: schemas.length !== root.schemas.length }
}
