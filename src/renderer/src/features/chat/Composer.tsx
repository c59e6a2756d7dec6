import { useId, useRef, useState, type ClipboardEvent, type DragEvent, type FormEvent, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { MAX_IMAGES, type ImageAttachment } from '../../../../shared/domain/chatReply.ts'
import { ACCEPTED_IMAGE_TYPES, imageDataUrl, readImage } from './images/readImage.ts'

export interface ComposerProps {
  draft: string
  onDraft(text: string): void
  images: ImageAttachment[]
  onImages(images: ImageAttachment[]): void
  busy: boolean
  /** A model is chosen and installed-or-not is known enough to try. */
  canSend: boolean
  onSend(): void
  onStop(): void
  model: string
  /** What `/api/show` says; undefined when unknown (attaching is then allowed and main checks). */
  vision: boolean | undefined
}

/** The message box: text, images for vision models (picked, pasted or dropped), Send and Stop. */
export function Composer({ draft, onDraft, images, onImages, busy, canSend, onSend, onStop, model, vision }: ComposerProps) {
  const { t } = useTranslation('chat')
  const draftId = useId()
  const noteId = useId()
  const picker = useRef<HTMLInputElement>(null)
  const [note, setNote] = useState('')
  /** Why no (more) images can be attached now; the button stays focusable and says this when pressed. */
  const tooMany = t('composer.tooMany', { max: MAX_IMAGES })
  const refusal = vision === false ? t('composer.noVision', { model }) : images.length >= MAX_IMAGES ? tooMany : undefined

  const attach = async (files: File[]): Promise<void> => {
    if (files.length === 0) return
    if (refusal) return setNote(refusal)
    const room = MAX_IMAGES - images.length
    const results = await Promise.allSettled(files.slice(0, room).map(readImage))
    const read = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []))
    const problems = results.flatMap((r) => (r.status === 'rejected' ? [(r.reason as Error).message] : []))
    if (files.length > room) problems.push(tooMany)
    setNote(problems.join(' '))
    if (read.length > 0) onImages([...images, ...read])
  }

  const submit = (event: FormEvent): void => {
    event.preventDefault()
    setNote('')
    onSend()
  }
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return
    event.preventDefault()
    setNote('')
    onSend()
  }
  const onPaste = (event: ClipboardEvent<HTMLTextAreaElement>): void => {
    const files = [...event.clipboardData.files].filter((f) => f.type.startsWith('image/'))
    if (files.length === 0) return
    event.preventDefault()
    void attach(files)
  }
  const onDrop = (event: DragEvent<HTMLFormElement>): void => {
    const files = [...event.dataTransfer.files].filter((f) => f.type.startsWith('image/'))
    if (files.length === 0) return
    event.preventDefault()
    void attach(files)
  }

  return (
    <form className="composer" onSubmit={submit} onDragOver={(e) => e.preventDefault()} onDrop={onDrop}>
      {images.length > 0 && (
        <ul className="image-strip composer-images" aria-label={t('composer.images')}>
          {images.map((image, index) => (
            <li key={`${index}:${image.data.length}`}>
              <img src={imageDataUrl(image)} alt={t('composer.image', { index: index + 1 })} />
              <button
                type="button"
                className="icon-button image-remove"
                aria-label={t('composer.removeImage', { index: index + 1 })}
                onClick={() => onImages(images.filter((_, i) => i !== index))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <label htmlFor={draftId} className="visually-hidden">
        {t('composer.label')}
      </label>
      <textarea
        id={draftId}
        value={draft}
        onChange={(e) => onDraft(e.target.value)}
        onKeyDown={onKeyDown}
        onPaste={onPaste}
        rows={3}
        placeholder={t('composer.placeholder')}
        aria-describedby={note ? noteId : undefined}
      />
      <div className="composer-buttons">
        <input
          ref={picker}
          type="file"
          accept={ACCEPTED_IMAGE_TYPES}
          multiple
          hidden
          onChange={(e) => {
            void attach([...(e.target.files ?? [])])
            e.target.value = ''
          }}
        />
        <button
          type="button"
          className="button"
          aria-disabled={refusal !== undefined}
          aria-describedby={note ? noteId : undefined}
          onClick={() => (refusal ? setNote(refusal) : picker.current?.click())}
        >
          {t('composer.attach')}
        </button>
        {busy ? (
          <button type="button" className="button button-danger" onClick={onStop}>
            {t('composer.stop')}
          </button>
        ) : (
          <button type="submit" className="button button-primary" disabled={!draft.trim() || !canSend}>
            {t('composer.send')}
          </button>
        )}
      </div>
      <p id={noteId} className="composer-note small" role="status">
        {note}
      </p>
    </form>
  )
}
