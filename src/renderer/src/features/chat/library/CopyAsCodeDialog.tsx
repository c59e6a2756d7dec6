import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react'
import { Trans, useTranslation } from 'react-i18next'
import { conversationAsCode, SNIPPET_FILE_NAME, type SnippetInput, type SnippetLanguage } from '../../../../../shared/codeSnippets.ts'
import { copyText } from '../../../ui/copyText.ts'
import { useModalDialog } from '../../../ui/useModalDialog.ts'

/** The languages' own names and commands, the same in every language of the app. */
const LANGUAGES: { id: SnippetLanguage; label: string; install: string }[] = [
  { id: 'javascript', label: 'JavaScript', install: 'npm install ollama' },
  { id: 'python', label: 'Python', install: 'pip install ollama' },
]

export interface CopyAsCodeDialogProps {
  /** The conversation as it would be sent: model, system prompt, messages, options, keep-alive (and host when not the default). */
  input: SnippetInput
  onClose(): void
  initialLanguage?: SnippetLanguage
}

type CopyState = { kind: 'idle' } | { kind: 'copied' } | { kind: 'failed'; reason: string; selected: boolean }

/** Selects the snippet so that, if copying fails, Ctrl+C / ⌘C copies it by hand. */
function selectContents(element: HTMLElement): boolean {
  const selection = window.getSelection()
  if (!selection) return false
  const range = document.createRange()
  range.selectNodeContents(element)
  selection.removeAllRanges()
  selection.addRange(range)
  return true
}

/** The conversation as a runnable script for the `ollama` JavaScript or Python library, with Copy. */
export function CopyAsCodeDialog({ input, onClose, initialLanguage = 'javascript' }: CopyAsCodeDialogProps) {
  const { t } = useTranslation('library')
  const dialogRef = useModalDialog()
  const codeRef = useRef<HTMLPreElement>(null)
  const tabRefs = useRef<Partial<Record<SnippetLanguage, HTMLButtonElement | null>>>({})
  const baseId = useId()
  const [language, setLanguage] = useState<SnippetLanguage>(initialLanguage)
  const [copy, setCopy] = useState<CopyState>({ kind: 'idle' })
  const code = conversationAsCode(input, language)
  const current = LANGUAGES.find((l) => l.id === language) ?? LANGUAGES[0]
  const label = current?.label ?? language

  useEffect(() => {
    tabRefs.current[initialLanguage]?.focus()
  }, [initialLanguage])

  useEffect(() => {
    // "Copied" describes one click; it should not linger as if it still applied after edits or a tab switch.
    if (copy.kind !== 'copied') return
    const timer = setTimeout(() => setCopy({ kind: 'idle' }), 4_000)
    return () => clearTimeout(timer)
  }, [copy])

  const choose = (next: SnippetLanguage, focus: boolean) => {
    setLanguage(next)
    setCopy({ kind: 'idle' })
    if (focus) tabRefs.current[next]?.focus()
  }

  /** Arrow keys, Home and End move between tabs (the ARIA tabs pattern); Tab moves on to the code. */
  const onTabKey = (event: KeyboardEvent<HTMLButtonElement>) => {
    const index = LANGUAGES.findIndex((l) => l.id === language)
    const count = LANGUAGES.length
    const moves: Record<string, number> = {
      ArrowRight: (index + 1) % count,
      ArrowLeft: (index - 1 + count) % count,
      Home: 0,
      End: count - 1,
    }
    const target = moves[event.key]
    if (target === undefined) return
    event.preventDefault()
    const next = LANGUAGES[target]
    if (next) choose(next.id, true)
  }

  const onCopy = () => {
    // Inside the modal dialog: the page behind it is inert, so the copy fallback works from here.
    void copyText(code, dialogRef.current ?? undefined).then((result) =>
      setCopy(
        result.ok
          ? { kind: 'copied' }
          : { kind: 'failed', reason: result.reason, selected: codeRef.current ? selectContents(codeRef.current) : false },
      ),
    )
  }

  return (
    <dialog
      ref={dialogRef}
      className="dialog snippet-dialog"
      aria-labelledby={`${baseId}-title`}
      aria-describedby={`${baseId}-about`}
      onClose={() => dialogRef.current?.open || onClose()}
    >
      <div className="library-head">
        <h2 id={`${baseId}-title`}>{t('code.title')}</h2>
        <button type="button" className="button button-small" onClick={onClose} aria-label={t('code.closeLabel')}>
          {t('code.close')}
        </button>
      </div>
      <p id={`${baseId}-about`} className="muted small">
        <Trans t={t} i18nKey="code.about" components={{ code: <code /> }} />
      </p>

      <div className="snippet-tabs" role="tablist" aria-label={t('code.language')}>
        {LANGUAGES.map((l) => (
          <button
            key={l.id}
            ref={(element) => {
              tabRefs.current[l.id] = element
            }}
            type="button"
            role="tab"
            id={`${baseId}-tab-${l.id}`}
            className="snippet-tab"
            aria-selected={l.id === language}
            aria-controls={`${baseId}-panel`}
            tabIndex={l.id === language ? 0 : -1}
            onClick={() => choose(l.id, false)}
            onKeyDown={onTabKey}
          >
            {l.label}
          </button>
        ))}
      </div>

      <pre
        ref={codeRef}
        id={`${baseId}-panel`}
        role="tabpanel"
        aria-labelledby={`${baseId}-tab-${language}`}
        className="code-block snippet-code"
        // Focusable so the keyboard can scroll a long snippet.
        tabIndex={0}
      >
        {code}
      </pre>
      <p className="muted small">
        <Trans
          t={t}
          i18nKey="code.howTo"
          values={{
            install: current?.install ?? '',
            file: SNIPPET_FILE_NAME[language],
            run: language === 'javascript' ? `node ${SNIPPET_FILE_NAME.javascript}` : `python3 ${SNIPPET_FILE_NAME.python}`,
          }}
          components={{ code: <code /> }}
        />
      </p>

      <div className="dialog-actions snippet-actions">
        <p role="status" className={copy.kind === 'failed' ? 'field-error snippet-status' : 'ok-text snippet-status'}>
          {copy.kind === 'copied' && t('code.copied', { language: label })}
          {copy.kind === 'failed' && t(copy.selected ? 'code.failedSelected' : 'code.failed', { reason: copy.reason })}
        </p>
        <button type="button" className="button button-primary" onClick={onCopy}>
          {t('code.copy', { language: label })}
        </button>
      </div>
    </dialog>
  )
}
