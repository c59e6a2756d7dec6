import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { StoredMessage } from '../../../../../shared/domain/conversation.ts'
import { api } from '../../../ipc/client.ts'
import { imageDataUrl } from './readImage.ts'

/** The images a sent message carried, fetched on their own so long conversations load without them. */
export function StoredImages({ message }: { message: StoredMessage }) {
  const { t } = useTranslation('chat')
  const count = message.images?.length ?? 0
  const [urls, setUrls] = useState<(string | undefined)[]>([])
  const [failed, setFailed] = useState(false)
  const [enlarged, setEnlarged] = useState<number>()

  useEffect(() => {
    if (count === 0) return
    let live = true
    Promise.all(Array.from({ length: count }, (_, index) => api.invoke('messages:image', { id: message.id, index }))).then(
      (images) => live && setUrls(images.map(imageDataUrl)),
      () => live && setFailed(true),
    )
    return () => {
      live = false
    }
  }, [message.id, count])

  if (count === 0) return null
  if (failed) return <p className="turn-meta">{t('images.failed')}</p>
  return (
    <ul className="image-strip" aria-label={t('images.attached')}>
      {Array.from({ length: count }, (_, index) => (
        <li key={index}>
          {urls[index] ? (
            <button
              type="button"
              className={enlarged === index ? 'image-button image-enlarged' : 'image-button'}
              aria-pressed={enlarged === index}
              onClick={() => setEnlarged((current) => (current === index ? undefined : index))}
            >
              <img
                src={urls[index]}
                alt={t(enlarged === index ? 'images.attachedImageEnlarged' : 'images.attachedImage', { index: index + 1, count })}
              />
            </button>
          ) : (
            <span className="image-placeholder" aria-label={t('images.loading', { index: index + 1, count })} />
          )}
        </li>
      ))}
    </ul>
  )
}
