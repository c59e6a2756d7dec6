import { useTranslation } from 'react-i18next'

/** A thinking model's reasoning, folded above its answer; the summary says while it is still thinking. */
export function Thinking({ text, active }: { text: string; active: boolean }) {
  const { t } = useTranslation('chat')
  return (
    <details className="thinking">
      <summary>{active ? t('message.thinking') : t('message.thought')}</summary>
      <p className="thinking-text">{text}</p>
    </details>
  )
}
