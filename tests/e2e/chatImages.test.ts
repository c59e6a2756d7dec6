import { describe, expect, it } from 'vitest'
import { unnamedControls } from '../support/browser.ts'
import { QWEN } from '../support/fakeOllama.ts'
import { PNG_1PX } from '../support/images.ts'
import { useAppSession } from './appSession.ts'

const VISION = { ...QWEN, name: 'qwen2.5vl:7b', capabilities: ['completion', 'vision'] }

const session = useAppSession({ width: 1280, height: 900 }, (h) => {
  h.fake.models = [QWEN, VISION]
})
const page = () => session.page
const sentImages = () =>
  session.h.fake.requests
    .filter((r) => r.path === '/api/chat')
    .map((r) => (r.body as { messages: { images?: string[] }[] }).messages.flatMap((m) => m.images ?? []))

async function useVisionModel(): Promise<void> {
  await page().getByRole('button', { name: 'New chat', exact: true }).click()
  await page().getByRole('button', { name: 'Options', exact: true }).click()
  await page().getByLabel('Model', { exact: true }).selectOption(VISION.name)
  await page().getByRole('button', { name: 'Save options' }).click()
  await expect.poll(() => page().getByText('Saved for this chat.').isVisible()).toBe(true)
}

describe('images for vision models', () => {
  it('explains why images cannot be attached when the model has no vision', async () => {
    const attach = page().getByRole('button', { name: 'Attach image' })
    await expect.poll(() => attach.getAttribute('aria-disabled')).toBe('true')
    // Still focusable, so keyboard and screen-reader users can ask why.
    await attach.focus()
    await page().keyboard.press('Enter')
    await expect.poll(() => page().getByRole('status').filter({ hasText: 'cannot read images' }).textContent()).toContain(QWEN.name)
  })

  it('sends a picked image with the message, shows it in the thread and keeps it after a reload', async () => {
    await useVisionModel()
    await page()
      .locator('form.composer input[type=file]')
      .setInputFiles({ name: 'dot.png', mimeType: 'image/png', buffer: Buffer.from(PNG_1PX, 'base64') })
    await expect.poll(() => page().getByRole('img', { name: 'Image 1 to send' }).isVisible()).toBe(true)
    await page().getByRole('textbox', { name: 'Message' }).fill('What is in this picture?')
    await page().keyboard.press('Enter')
    await expect.poll(() => sentImages().at(-1), { timeout: 10_000 }).toEqual([PNG_1PX])
    const shown = page().getByRole('article', { name: 'You said' }).getByRole('img', { name: 'Attached image 1 of 1' })
    await expect.poll(() => shown.isVisible(), { timeout: 5_000 }).toBe(true)
    expect(await page().getByRole('img', { name: 'Image 1 to send' }).count()).toBe(0)
    await page().reload()
    await expect.poll(() => shown.isVisible(), { timeout: 5_000 }).toBe(true)
    expect(await unnamedControls(page())).toEqual([])
  })

  it('scales a dropped photo down to what vision models use, and refuses other file types with a reason', async () => {
    await useVisionModel()
    await page().evaluate(async () => {
      const canvas = new OffscreenCanvas(4000, 3000)
      const context = canvas.getContext('2d')
      if (!context) throw new Error('no 2d context')
      context.fillStyle = '#3a7'
      context.fillRect(0, 0, 4000, 3000)
      const photo = new File([await canvas.convertToBlob({ type: 'image/png' })], 'big.png', { type: 'image/png' })
      const gif = new File([new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39, 0x61])], 'anim.gif', { type: 'image/gif' })
      const transfer = new DataTransfer()
      transfer.items.add(photo)
      transfer.items.add(gif)
      document
        .querySelector('form.composer')
        ?.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }))
    })
    await expect.poll(() => page().getByRole('status').filter({ hasText: 'anim.gif is not a PNG, JPEG or WebP image' }).count()).toBe(1)
    await expect.poll(() => page().getByRole('img', { name: 'Image 1 to send' }).isVisible()).toBe(true)
    await page().getByRole('textbox', { name: 'Message' }).fill('Describe it.')
    await page().keyboard.press('Enter')
    await expect.poll(() => sentImages().at(-1)?.length, { timeout: 10_000 }).toBe(1)
    const sent = Buffer.from(sentImages().at(-1)?.[0] ?? '', 'base64')
    // A JPEG (FF D8) whose frame header says 2048 × 1536.
    expect([sent[0], sent[1]]).toEqual([0xff, 0xd8])
    const frame = sent.indexOf(Buffer.from([0xff, 0xc0]))
    expect([sent.readUInt16BE(frame + 7), sent.readUInt16BE(frame + 5)]).toEqual([2048, 1536])
  })
})
