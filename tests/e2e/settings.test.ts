import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { SETTINGS_VERSION } from '../../src/main/storage/settingsMigrations.ts'
import { SETTINGS_EXPORT_FORMAT } from '../../src/main/storage/settingsTransfer.ts'
import { QWEN } from '../support/fakeOllama.ts'
import { useAppSession } from './appSession.ts'
import { seriousViolations } from './support/axe.ts'

const session = useAppSession({ width: 1280, height: 900 }, (h) => {
  h.fake.models = [QWEN]
})
const page = () => session.page
const background = () => page().evaluate(() => getComputedStyle(document.body).backgroundColor)
const LIGHT_BG = 'rgb(246, 247, 249)'
const DARK_BG = 'rgb(20, 23, 28)'

async function openSettings(): Promise<void> {
  await page().getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click()
  await page().getByRole('heading', { name: 'Data and backups' }).waitFor()
}

async function importFile(name: string, content: unknown): Promise<void> {
  const text = typeof content === 'string' ? content : JSON.stringify(content)
  await page()
    .getByRole('region', { name: 'Data and backups' })
    .locator('input[type=file]')
    .setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) })
}

describe('the Settings screen', () => {
  it('switches the whole window’s theme at once, overriding the OS, and keeps it after a reload', async () => {
    await page().emulateMedia({ colorScheme: 'light' })
    await openSettings()
    expect(await background()).toBe(LIGHT_BG)
    await page().getByRole('radio', { name: 'Dark' }).check()
    await expect.poll(background).toBe(DARK_BG)
    expect(await page().evaluate(() => document.documentElement.dataset.theme)).toBe('dark')
    await expect.poll(() => session.h.app.settings.get().theme).toBe('dark')

    await page().reload()
    await expect.poll(background).toBe(DARK_BG)
    await page().emulateMedia({ colorScheme: 'dark' })
    await openSettings()
    await page().getByRole('radio', { name: 'Light' }).check()
    await expect.poll(background).toBe(LIGHT_BG)
    await page().getByRole('radio', { name: 'System' }).check()
    await expect.poll(background).toBe(DARK_BG)
  })

  it('marks a bad option for new chats beside its field, then new chats use the saved options', async () => {
    await openSettings()
    const temperature = page().getByRole('textbox', { name: 'Temperature' })
    await temperature.fill('7')
    await page().getByRole('button', { name: 'Save settings' }).click()
    await expect.poll(() => temperature.getAttribute('aria-invalid')).toBe('true')
    expect(await page().getByText('must be at most 2').isVisible()).toBe(true)
    expect(await temperature.evaluate((input) => input === document.activeElement)).toBe(true)

    await temperature.fill('0.2')
    await page().getByRole('textbox', { name: 'Context window (tokens)', exact: true }).fill('4096')
    await page().getByRole('button', { name: 'Save settings' }).click()
    await expect.poll(() => page().getByText('Saved.', { exact: true }).isVisible()).toBe(true)

    await page().getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Chat' }).click()
    await page().getByRole('textbox', { name: 'Message' }).fill('Hello')
    await page().keyboard.press('Enter')
    const sent = () =>
      session.h.fake.requests.find((r) => r.path === '/api/chat')?.body as { options?: Record<string, unknown> } | undefined
    await expect.poll(() => sent()?.options, { timeout: 10_000 }).toMatchObject({ temperature: 0.2, num_ctx: 4096 })

    // A comparison is a new chat for each model: the same options.
    await page().getByRole('button', { name: 'Compare', exact: true }).click()
    const compare = page().getByRole('region', { name: 'Compare two models' })
    await compare.getByRole('textbox', { name: 'Prompt for both models' }).fill('Hello again')
    await compare.getByRole('button', { name: 'Compare', exact: true }).click()
    const compared = () => session.h.fake.requests.filter((r) => r.path === '/api/chat').slice(1)
    await expect.poll(() => compared().length, { timeout: 10_000 }).toBe(2)
    for (const request of compared())
      expect((request.body as { options?: unknown }).options).toMatchObject({ temperature: 0.2, num_ctx: 4096 })
  })

  it('shows the data folder with a Copy button, since a browser cannot open folders', async () => {
    await page().context().grantPermissions(['clipboard-read', 'clipboard-write'])
    await openSettings()
    const data = page().getByRole('region', { name: 'Data and backups' })
    expect(await data.getByText(session.h.app.settings.dataDir, { exact: true }).isVisible()).toBe(true)
    expect(await data.getByRole('button', { name: 'Open folder' }).count()).toBe(0)
    await data.getByRole('button', { name: 'Copy path' }).click()
    await expect.poll(() => data.getByText('Path copied.').isVisible()).toBe(true)
    expect(await page().evaluate(() => navigator.clipboard.readText())).toBe(session.h.app.settings.dataDir)
  })

  it('exports the settings as a file that holds no secrets', async () => {
    await session.h.app.settings.update({ summaryLanguage: 'French' })
    await session.h.app.secrets.set('ollamaToken', 'sk-TOKEN-never-exported')
    await openSettings()
    const download = page().waitForEvent('download')
    await page().getByRole('button', { name: 'Export settings…' }).click()
    const saved = await download
    expect(saved.suggestedFilename()).toMatch(/^instruct-desk-settings-\d{4}-\d{2}-\d{2}\.json$/)
    const text = await readFile(await saved.path(), 'utf8')
    expect(JSON.parse(text)).toMatchObject({ format: SETTINGS_EXPORT_FORMAT, settings: { summaryLanguage: 'French' } })
    expect(text).not.toContain('sk-TOKEN')
    expect(await page().getByText(`Exported as ${saved.suggestedFilename()}.`).isVisible()).toBe(true)
  })

  it('refuses a bad import, naming each field and what is wrong, and changes nothing', async () => {
    await openSettings()
    await importFile('settings-from-a-friend.json', {
      format: SETTINGS_EXPORT_FORMAT,
      version: 1,
      settings: { theme: 'dark', jsonAttempts: 12, colour: 'blue', chatDefaults: { temperature: 3 } },
    })
    const alert = page().getByRole('region', { name: 'Data and backups' }).getByRole('alert')
    await expect.poll(() => alert.textContent()).toContain('Nothing was imported: 3 settings in the file need fixing.')
    const items = await alert.getByRole('listitem').allTextContents()
    expect(items).toEqual([
      'colour: not a setting Instruct Desk knows',
      'Temperature chatDefaults.temperature: must be at most 2',
      'Local model attempts per JSON input jsonAttempts: must be at most 5',
    ])
    expect(session.h.app.settings.get()).toMatchObject({ theme: 'system', jsonAttempts: 2 })
    expect(await seriousViolations(page())).toEqual([])
  })

  it('imports a good file: every field shows the new values', async () => {
    await openSettings()
    await importFile('backup.json', {
      format: SETTINGS_EXPORT_FORMAT,
      version: 1,
      settings: { summaryLanguage: 'German', jsonAttempts: 4 },
    })
    await expect.poll(() => page().getByText('Imported settings from backup.json.').isVisible()).toBe(true)
    await expect.poll(() => page().getByRole('textbox', { name: 'Summary language' }).inputValue()).toBe('German')
    expect(await page().getByRole('textbox', { name: 'Local model attempts per JSON input' }).inputValue()).toBe('4')
  })

  it('asks before importing a file that sends chats to another Ollama server, and imports nothing on no', async () => {
    await openSettings()
    const file = { format: SETTINGS_EXPORT_FORMAT, version: 1, settings: { ollamaHost: 'gpu-box:11434', jsonAttempts: 3 } }
    await importFile('team.json', file)
    const dialog = page().getByRole('dialog', { name: 'Send your chats to another Ollama server?' })
    await dialog.waitFor()
    expect(await dialog.textContent()).toContain('team.json sets the Ollama address to gpu-box:11434')
    expect(await dialog.getByRole('button', { name: 'Don’t import' }).evaluate((b) => b === document.activeElement)).toBe(true)
    expect(await seriousViolations(page())).toEqual([])
    await page().keyboard.press('Escape')
    await expect.poll(() => dialog.count()).toBe(0)
    expect(session.h.app.settings.get()).toMatchObject({ ollamaHost: '', jsonAttempts: 2 })

    await importFile('team.json', file)
    await dialog.getByRole('button', { name: 'Import and use that server' }).click()
    await expect.poll(() => page().getByText('Imported settings from team.json.').isVisible()).toBe(true)
    expect(session.h.app.settings.get()).toMatchObject({ ollamaHost: 'gpu-box:11434', jsonAttempts: 3 })
    await expect.poll(() => page().getByRole('textbox', { name: 'Ollama address' }).inputValue()).toBe('gpu-box:11434')
  })

  it('resets every setting after asking, and keeps the keys', async () => {
    await session.h.app.settings.update({ defaultModel: 'llama3.2:3b', summaryLanguage: 'French' })
    await session.h.app.secrets.set('ollamaToken', 'sk-kept')
    await openSettings()
    await page().getByRole('button', { name: 'Reset to defaults…' }).click()
    const dialog = page().getByRole('dialog', { name: 'Reset all settings?' })
    expect(await dialog.getByText(/access token and the Anthropic API key are kept/).isVisible()).toBe(true)
    expect(await seriousViolations(page())).toEqual([])
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    expect(session.h.app.settings.get().defaultModel).toBe('llama3.2:3b')

    await page().getByRole('button', { name: 'Reset to defaults…' }).click()
    await page().getByRole('dialog').getByRole('button', { name: 'Reset settings' }).click()
    await expect.poll(() => page().getByText('Settings are back to their defaults.').isVisible()).toBe(true)
    // The form reads the settings back after the reset: wait for it.
    await expect.poll(() => page().getByRole('textbox', { name: 'Default model' }).inputValue()).toBe('qwen2.5:7b-instruct')
    expect(await page().getByRole('textbox', { name: 'Summary language' }).inputValue()).toBe('')
    expect(session.h.app.secrets.get('ollamaToken')).toBe('sk-kept')
    expect(await page().getByRole('button', { name: 'Remove token' }).isVisible()).toBe(true)
  })

  it('says on every screen when a damaged settings file was reset, naming the copy it kept, until dismissed', async () => {
    const file = path.join(session.h.app.settings.dataDir, 'settings.json')
    await writeFile(file, '{"theme": "dark", "jsonAttempts": "lots"}')
    await session.h.app.settings.load()
    await page().reload()
    const notice = page().getByRole('region', { name: 'Settings were reset' })
    await expect.poll(() => notice.textContent()).toMatch(/Local model attempts per JSON input\..*settings\.corrupt-\d+\.json/)
    expect(await page().getByRole('heading', { level: 1 }).textContent()).toBe('Chat')
    expect(await seriousViolations(page())).toEqual([])
    await notice.getByRole('button', { name: 'Review settings' }).click()
    expect(await page().getByRole('heading', { level: 1 }).textContent()).toBe('Settings')
    await notice.getByRole('button', { name: 'Dismiss' }).click()
    await expect.poll(() => notice.count()).toBe(0)
    await page().reload()
    await page().getByRole('heading', { level: 1 }).waitFor()
    expect(await notice.count()).toBe(0)
  })

  it('leaves a newer version’s settings file alone: saving is off until the user resets', async () => {
    const file = path.join(session.h.app.settings.dataDir, 'settings.json')
    const newer = JSON.stringify({ version: SETTINGS_VERSION + 1, defaultModel: 'llama3.2:3b', hologram: true })
    await writeFile(file, newer)
    await session.h.app.settings.load()
    await openSettings()
    await expect.poll(() => page().getByText('These settings were saved by a newer version of Instruct Desk.').isVisible()).toBe(true)
    await expect.poll(() => page().getByRole('textbox', { name: 'Default model' }).inputValue()).toBe('llama3.2:3b')
    expect(await page().getByRole('button', { name: 'Save settings' }).isDisabled()).toBe(true)
    await page().getByRole('radio', { name: 'Dark' }).click()
    await expect.poll(() => page().getByRole('alert').textContent()).toContain('written by a newer version of Instruct Desk')
    expect(await page().getByRole('radio', { name: 'System' }).isChecked()).toBe(true)
    expect(await readFile(file, 'utf8')).toBe(newer)
    expect(await seriousViolations(page())).toEqual([])

    await page().getByRole('button', { name: 'Reset to defaults…' }).click()
    await page().getByRole('dialog').getByRole('button', { name: 'Reset settings' }).click()
    await expect.poll(() => page().getByText('These settings were saved by a newer version').count()).toBe(0)
    expect(await page().getByRole('button', { name: 'Save settings' }).isDisabled()).toBe(false)
  })

  it('starts on defaults when the settings file cannot be opened, says why, and a reset writes a new one', async () => {
    const file = path.join(session.h.app.settings.dataDir, 'settings.json')
    await rm(file, { force: true })
    await mkdir(path.join(file, 'inside'), { recursive: true })
    await session.h.app.settings.load()
    await openSettings()
    await expect.poll(() => page().getByText('Your settings file could not be opened or saved (EISDIR)').isVisible()).toBe(true)
    expect(await page().getByText(file).isVisible()).toBe(true)
    expect(await page().getByRole('button', { name: 'Save settings' }).isDisabled()).toBe(true)
    expect(await seriousViolations(page())).toEqual([])

    await rm(file, { recursive: true })
    await page().getByRole('button', { name: 'Reset to defaults…' }).click()
    await page().getByRole('dialog').getByRole('button', { name: 'Reset settings' }).click()
    await expect.poll(() => page().getByText('Your settings file could not be opened').count()).toBe(0)
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ version: SETTINGS_VERSION })
  })
})
