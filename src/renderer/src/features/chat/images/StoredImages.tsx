import { useEffect, useState } from 'react'
import type { StoredMessage } from '../../../../../shared/domain/conversation.ts'
import { api } from '../../../ipc/client.ts'
import { imageDataUrl } from './readImage.ts'

/** The images a sent message carried, fetched on their own so long conversations load without them. */
export function StoredImages({ message }: { message: StoredMessage }) {
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
  if (failed) return <p className="turn-meta">The attached images could not be loaded.</p>
  return (
    <ul className="image-strip" aria-label="Attached images">
      {Array.from({ length: count }, (_, index) => (
        <li key={index}>
          {urls[index] ? (
            <button
              type="button"
              className={enlarged === index ? 'image-button image-enlarged' : 'image-button'}
              aria-pressed={enlarged === index}
              onClick={() => setEnlarged((current) => (current === index ? undefined : index))}
            >
              <img src={urls[index]} alt={`Attached image ${index + 1} of ${count}${enlarged === index ? ', enlarged' : ''}`} />
            </button>
          ) : (
            <span className="image-placeholder" aria-label={`Loading image ${index + 1} of ${count}`} />
          )}
        </li>
      ))}
    </ul>
  )
}
