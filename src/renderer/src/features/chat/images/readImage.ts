import { MAX_IMAGE_BYTES, type ImageAttachment } from '../../../../../shared/domain/chatReply.ts'
import type { ImageMime } from '../../../../../shared/domain/conversation.ts'
import { i18n } from '../../../i18n/i18n.ts'
import { blobToBase64 } from '../../../ui/base64.ts'

const ACCEPTED: Record<string, ImageMime> = { 'image/png': 'image/png', 'image/jpeg': 'image/jpeg', 'image/webp': 'image/webp' }
/** Vision models look at far fewer pixels than a phone photo has; sending more only costs time and memory. */
const MAX_SIDE = 2048

export const ACCEPTED_IMAGE_TYPES = Object.keys(ACCEPTED).join(',')

export function imageDataUrl(image: ImageAttachment): string {
  return `data:${image.mime};base64,${image.data}`
}

/** A picked, pasted or dropped image ready to send: PNG, JPEG or WebP, scaled down when larger than the models use. */
export async function readImage(file: File): Promise<ImageAttachment> {
  const name = file.name || i18n.t('chat:images.pasted')
  const mime = ACCEPTED[file.type]
  if (!mime) throw new Error(i18n.t('chat:images.notImage', { name }))
  const bitmap = await createImageBitmap(file).catch(() => {
    throw new Error(i18n.t('chat:images.unreadable', { name }))
  })
  try {
    const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height))
    if (scale === 1 && file.size <= MAX_IMAGE_BYTES) return { mime, data: await blobToBase64(file) }
    const canvas = new OffscreenCanvas(Math.round(bitmap.width * scale), Math.round(bitmap.height * scale))
    canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height)
    const scaled = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.88 })
    if (scaled.size > MAX_IMAGE_BYTES) throw new Error(i18n.t('chat:images.tooLarge', { name }))
    return { mime: 'image/jpeg', data: await blobToBase64(scaled) }
  } finally {
    bitmap.close()
  }
}
