import { memo, useEffect, useMemo, useRef, useState, type MouseEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { copyText } from '../../../ui/copyText.ts'
import { codesOf, renderBlock } from './renderBlock.ts'
import { createBlockSplitter } from './splitBlocks.ts'
import './markdown.css'

export interface MarkdownViewProps {
  /** Markdown as the model wrote it. */
  source: string
  /** The text is still arriving: its last block is re-rendered on every change, without colouring its code. */
  streaming?: boolean
  className?: string
}

interface CopyStatus {
  kind: 'ok' | 'error'
  text: string
}

const FEEDBACK_MS = 2000

/**
 * One top-level block as HTML. Memoized on its text: while a reply streams in, every block but
 * the last keeps its props and is neither rendered nor touched in the DOM again.
 */
const Block = memo(function Block({ source, index, highlight }: { source: string; index: number; highlight: boolean }) {
  // renderBlock escapes raw HTML, allows only http(s)/mailto links and writes no style attributes.
  const html = useMemo(() => renderBlock(source, { highlight }).html, [source, highlight])
  return <div className="md-block" data-block-index={index} dangerouslySetInnerHTML={{ __html: html }} />
})

/**
 * A chat message rendered as Markdown: code with highlighting and a Copy button, GFM tables and
 * task lists, links (opened outside the app on click), math as MathML.
 */
export function MarkdownView({ source, streaming = false, className }: MarkdownViewProps) {
  const { t } = useTranslation('markdown')
  const [splitter] = useState(createBlockSplitter)
  const blocks = useMemo(() => splitter.split(source), [splitter, source])
  const [status, setStatus] = useState<CopyStatus | undefined>()
  const timers = useRef(new Set<ReturnType<typeof setTimeout>>())

  useEffect(() => {
    const pending = timers.current
    return () => {
      for (const timer of pending) clearTimeout(timer)
    }
  }, [])

  const later = (ms: number, run: () => void): void => {
    const timer = setTimeout(() => {
      timers.current.delete(timer)
      run()
    }, ms)
    timers.current.add(timer)
  }

  // One handler for every Copy button: the buttons live in injected HTML. The code comes from the
  // block's source, never from the (highlighted) DOM.
  const onClick = (event: MouseEvent<HTMLDivElement>): void => {
    if (!(event.target instanceof Element)) return
    const button = event.target.closest<HTMLButtonElement>('button.md-copy')
    const blockElement = button?.closest<HTMLElement>('[data-block-index]')
    if (!button || !blockElement || !event.currentTarget.contains(blockElement)) return
    const blockSource = blocks[Number(blockElement.dataset.blockIndex)]
    const code = blockSource === undefined ? undefined : codesOf(blockSource)[Number(button.dataset.codeIndex)]
    if (code === undefined) return
    void copyText(code).then((result) => {
      // The button's text is feedback where the user looks; the status line below says it to
      // screen readers and, on failure, explains.
      button.textContent = result.ok ? t('copied') : t('notCopied')
      later(result.ok ? FEEDBACK_MS : 2 * FEEDBACK_MS, () => {
        button.textContent = t('copy')
        if (result.ok) setStatus((current) => (current?.kind === 'ok' ? undefined : current))
      })
      if (result.ok) {
        setStatus({ kind: 'ok', text: t('copiedStatus') })
      } else {
        // Select the code so the keyboard shortcut still works.
        const codeElement = button.closest('.md-code')?.querySelector('code')
        if (codeElement) window.getSelection()?.selectAllChildren(codeElement)
        setStatus({
          kind: 'error',
          text: t('copyFailed', { reason: result.reason }),
        })
      }
    })
  }

  return (
    // aria-busy while streaming: the last block is replaced on every batch, and a live region
    // around the message would otherwise announce it again each time.
    <div className={className ? `md ${className}` : 'md'} onClick={onClick} aria-busy={streaming || undefined}>
      {blocks.map((block, i) => (
        // Keyed by position: a block's text only grows or, rarely, merges with the one after it.
        <Block key={i} index={i} source={block} highlight={!streaming || i < blocks.length - 1} />
      ))}
      <p className={status?.kind === 'error' ? 'md-copy-status md-copy-error' : 'md-copy-status md-sr-only'} role="status">
        {status?.text}
      </p>
    </div>
  )
}
