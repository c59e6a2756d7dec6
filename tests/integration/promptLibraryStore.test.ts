import { readdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { promptHandlers } from '../../src/main/ipc/handlers/prompts.ts'
import { PromptLibraryStore } from '../../src/main/storage/PromptLibraryStore.ts'
import { BUILT_IN_PRESETS, BUILT_IN_TEMPLATES, PromptLibraryFile } from '../../src/shared/domain/prompts.ts'
import { useTempDirs } from '../support/tempDir.ts'

const tempDir = useTempDirs()

const templateDraft = { name: 'Haiku', description: 'A haiku', prompt: 'Write a haiku about {{input}}.', examples: [], wordLimit: 17 }

async function onDisk(dir: string): Promise<PromptLibraryFile> {
  return PromptLibraryFile.parse(JSON.parse(await readFile(path.join(dir, 'prompts.json'), 'utf8')))
}

describe('PromptLibraryStore', () => {
  it('lists the built-ins first, then the user’s own, and keeps them across restarts', async () => {
    const dir = await tempDir()
    const store = new PromptLibraryStore(dir)
    expect(await store.list()).toEqual({ presets: BUILT_IN_PRESETS, templates: BUILT_IN_TEMPLATES })
    const preset = await store.savePreset({ name: 'Pirate', text: 'You are a pirate. Answer in pirate speak.' })
    const template = await store.saveTemplate(templateDraft)
    expect(preset).toMatchObject({ name: 'Pirate', builtIn: false, id: expect.stringMatching(/^[0-9a-f-]{36}$/) })
    expect(template).toMatchObject({ ...templateDraft, builtIn: false })

    const again = new PromptLibraryStore(dir)
    const listed = await again.list()
    expect(listed.presets).toEqual([...BUILT_IN_PRESETS, preset])
    expect(listed.templates).toEqual([...BUILT_IN_TEMPLATES, template])
    expect(await onDisk(dir)).toEqual({ format: 'instruct-desk-prompts', version: 1, presets: [preset], templates: [template] })
  })

  it('updates in place by id and deletes', async () => {
    const store = new PromptLibraryStore(await tempDir())
    const first = await store.saveTemplate(templateDraft)
    const second = await store.saveTemplate({ ...templateDraft, name: 'Limerick' })
    const edited = await store.saveTemplate({ ...templateDraft, id: first.id, name: 'Haiku (5-7-5)' })
    expect(edited.id).toBe(first.id)
    expect((await store.list()).templates.slice(BUILT_IN_TEMPLATES.length).map((t) => t.name)).toEqual(['Haiku (5-7-5)', 'Limerick'])
    expect(await store.deleteTemplate(first.id)).toBe(true)
    expect(await store.deleteTemplate(first.id)).toBe(false)
    expect((await store.list()).templates.slice(BUILT_IN_TEMPLATES.length)).toEqual([second])

    const preset = await store.savePreset({ name: 'P', text: 'You are P.' })
    expect(await store.deletePreset(preset.id)).toBe(true)
    expect((await store.list()).presets).toEqual(BUILT_IN_PRESETS)
  })

  it('refuses to change or delete built-ins with BAD_REQUEST and a clear message', async () => {
    const store = new PromptLibraryStore(await tempDir())
    await expect(store.savePreset({ id: 'builtin-concise', name: 'Mine', text: 'You are mine.' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('Built-in presets cannot be changed. Duplicate it and edit the copy instead.'),
    })
    await expect(store.saveTemplate({ ...templateDraft, id: 'builtin-short-story' })).rejects.toMatchObject({ code: 'BAD_REQUEST' })
    await expect(store.deletePreset('builtin-json')).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('Built-in presets cannot be deleted.'),
    })
    await expect(store.deleteTemplate('builtin-summarize')).rejects.toMatchObject({ code: 'BAD_REQUEST', message: /Built-in templates/ })
    expect(await store.list()).toEqual({ presets: BUILT_IN_PRESETS, templates: BUILT_IN_TEMPLATES })
  })

  it('rejects invalid drafts from direct callers as BAD_REQUEST', async () => {
    const store = new PromptLibraryStore(await tempDir())
    await expect(store.savePreset({ name: '', text: 'x' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: /name: a name is required/,
    })
  })

  it('backs up a corrupt file and starts empty', async () => {
    const dir = await tempDir()
    await writeFile(path.join(dir, 'prompts.json'), '{"format": "instruct-desk-pro')
    const store = new PromptLibraryStore(dir)
    expect(await store.list()).toEqual({ presets: BUILT_IN_PRESETS, templates: BUILT_IN_TEMPLATES })
    expect(store.recoveredFrom).toMatch(/prompts\.corrupt-\d+\.json$/)
    expect(await readFile(store.recoveredFrom ?? '', 'utf8')).toBe('{"format": "instruct-desk-pro')
    expect(await onDisk(dir)).toEqual({ format: 'instruct-desk-prompts', version: 1, presets: [], templates: [] })
  })

  it('keeps the valid entries of a partly broken file, backing the whole file up', async () => {
    const dir = await tempDir()
    const good = { id: 'good', name: 'Good', text: 'You are good.', builtIn: false }
    const file = {
      format: 'instruct-desk-prompts',
      version: 1,
      presets: [good, { id: 'bad', name: '', text: 'x' }, { ...good, name: 'Duplicate id' }, { ...good, id: 'builtin-concise' }],
      templates: [],
    }
    await writeFile(path.join(dir, 'prompts.json'), JSON.stringify(file))
    const store = new PromptLibraryStore(dir)
    expect((await store.list()).presets).toEqual([...BUILT_IN_PRESETS, good])
    expect(JSON.parse(await readFile(store.recoveredFrom ?? '', 'utf8'))).toEqual(file)
    expect((await onDisk(dir)).presets).toEqual([good])
  })

  it('treats a file of another format as corrupt, and leaves a good file alone', async () => {
    const dir = await tempDir()
    await writeFile(path.join(dir, 'prompts.json'), '{"presets": 7}')
    const broken = new PromptLibraryStore(dir)
    await broken.load()
    expect(broken.recoveredFrom).toBeDefined()

    const clean = await tempDir()
    await new PromptLibraryStore(clean).savePreset({ name: 'P', text: 'You are P.' })
    const reread = new PromptLibraryStore(clean)
    await reread.load()
    expect(reread.recoveredFrom).toBeUndefined()
    expect((await readdir(clean)).filter((f) => f.includes('corrupt'))).toEqual([])
  })

  it('exports only the user’s items and imports them elsewhere; a second import adds nothing', async () => {
    const source = new PromptLibraryStore(await tempDir())
    const preset = await source.savePreset({ name: 'Pirate', text: 'You are a pirate.' })
    const template = await source.saveTemplate({ ...templateDraft, examples: [{ user: 'sea', assistant: 'waves crash' }] })
    const exported = await source.exportLibrary()
    expect(exported).toEqual({ format: 'instruct-desk-prompts', version: 1, presets: [preset], templates: [template] })

    const targetDir = await tempDir()
    const target = new PromptLibraryStore(targetDir)
    expect(await target.importLibrary(JSON.stringify(exported))).toEqual({ presets: 1, templates: 1, skipped: 0 })
    expect(await target.exportLibrary()).toEqual(exported)
    expect(await target.importLibrary(JSON.stringify(exported))).toEqual({ presets: 0, templates: 0, skipped: 2 })
    expect(await new PromptLibraryStore(targetDir).exportLibrary()).toEqual(exported)
  })

  it('gives imported items new ids when theirs are taken by different items or built-ins', async () => {
    const store = new PromptLibraryStore(await tempDir())
    const mine = await store.savePreset({ id: 'shared-id', name: 'Mine', text: 'You are mine.' })
    const counts = await store.importLibrary({
      format: 'instruct-desk-prompts',
      version: 1,
      presets: [
        { id: 'shared-id', name: 'Theirs', text: 'You are theirs.' },
        { id: 'builtin-concise', name: 'Fake built-in', text: 'You are sneaky.', builtIn: true },
      ],
      templates: [{ id: 'shared-id', name: 'T', prompt: 'Do {{input}}' }],
    })
    expect(counts).toEqual({ presets: 2, templates: 1, skipped: 0 })
    const listed = await store.list()
    const users = listed.presets.slice(BUILT_IN_PRESETS.length)
    expect(users[0]).toEqual(mine)
    expect(users.slice(1).map((p) => [p.name, p.builtIn, p.id === 'shared-id' || p.id === 'builtin-concise'])).toEqual([
      ['Theirs', false, false],
      ['Fake built-in', false, false],
    ])
    expect(listed.presets.find((p) => p.id === 'builtin-concise')?.text).toBe('You are a helpful and concise assistant.')
    expect(listed.templates.at(-1)?.id).not.toBe('shared-id')
  })

  it('refuses a bad import file with FILE_UNSUPPORTED and the specific reason, changing nothing', async () => {
    const store = new PromptLibraryStore(await tempDir())
    await expect(store.importLibrary('{"format":"instruct-desk-prompts","version":3}')).rejects.toMatchObject({
      code: 'FILE_UNSUPPORTED',
      message: expect.stringContaining('version 3'),
      hint: expect.stringContaining('Export'),
    })
    await expect(store.importLibrary('not json')).rejects.toMatchObject({ message: /not valid JSON/ })
    expect(await store.exportLibrary()).toMatchObject({ presets: [], templates: [] })
  })

  it('keeps every concurrent save', async () => {
    const dir = await tempDir()
    const store = new PromptLibraryStore(dir)
    await Promise.all(Array.from({ length: 10 }, (_, i) => store.savePreset({ name: `P${i}`, text: `You are ${i}.` })))
    expect((await new PromptLibraryStore(dir).exportLibrary()).presets.map((p) => p.name)).toEqual(
      Array.from({ length: 10 }, (_, i) => `P${i}`),
    )
  })
})

describe('promptHandlers', () => {
  it('answers every channel through the store', async () => {
    const handlers = promptHandlers(new PromptLibraryStore(await tempDir()))
    const signal = new AbortController().signal
    expect(Object.keys(handlers).sort()).toEqual([
      'prompts:deletePreset',
      'prompts:deleteTemplate',
      'prompts:export',
      'prompts:import',
      'prompts:list',
      'prompts:savePreset',
      'prompts:saveTemplate',
    ])
    const preset = await handlers['prompts:savePreset']({ name: 'P', text: 'You are P.' }, signal)
    const template = await handlers['prompts:saveTemplate'](templateDraft, signal)
    const exported = await handlers['prompts:export']({}, signal)
    expect(exported.presets).toEqual([preset])
    expect(await handlers['prompts:deleteTemplate']({ id: template.id }, signal)).toBe(true)
    expect(await handlers['prompts:deletePreset']({ id: preset.id }, signal)).toBe(true)
    expect(await handlers['prompts:import']({ json: JSON.stringify(exported) }, signal)).toEqual({ presets: 1, templates: 1, skipped: 0 })
    expect((await handlers['prompts:list']({}, signal)).presets).toHaveLength(BUILT_IN_PRESETS.length + 1)
  })
})
