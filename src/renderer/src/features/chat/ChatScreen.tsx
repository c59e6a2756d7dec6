import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react'
import { useInvoke } from '../../ipc/hooks.ts'
import { ErrorNotice } from '../../ui/ErrorNotice.tsx'
import { ScreenHeader } from '../../ui/ScreenHeader.tsx'
import { FirstRunPull } from '../models/FirstRunPull.tsx'
import { useChat, type Turn } from './useChat.ts'

function TurnView({ turn }: { turn: Turn }) {
  const who = turn.role === 'user' ? 'You' : 'Assistant'
  return (
    <article className={`turn turn-${turn.role}`} aria-label={`${who} said`}>
      <div className="turn-who">{who}</div>
      <div className="turn-text">{turn.content || (turn.state === 'streaming' ? '…' : '')}</div>
      {turn.state === 'stopped' && <p className="turn-meta">Stopped — the text above is what arrived.</p>}
      {turn.state === 'done' && turn.stats?.replyTokens !== undefined && (
        <p className="turn-meta">
          {turn.stats.replyTokens} tokens{turn.stats.totalMs !== undefined ? ` in ${(turn.stats.totalMs / 1000).toFixed(1)} s` : ''}
        </p>
      )}
      {turn.error && <ErrorNotice error={turn.error} />}
    </article>
  )
}

export function ChatScreen() {
  const settings = useInvoke('settings:get', {})
  const models = useInvoke('models:list', {})
  const [chosenModel, setModel] = useState('')
  const model = chosenModel || settings.data?.defaultModel || ''
  const [draft, setDraft] = useState('')
  const chat = useChat(model)
  const modelId = useId()
  const draftId = useId()
  const endRef = useRef<HTMLDivElement>(null)

  useEffect(() => {
    // Newer browsers return a promise here; an effect must return nothing but a cleanup.
    void endRef.current?.scrollIntoView({ block: 'end' })
  }, [chat.turns])

  const names = models.data?.map((m) => m.name) ?? []
  const options = model && !names.includes(model) ? [model, ...names] : names
  const missing = models.data !== undefined && model !== '' && !names.includes(model)

  const submit = (event?: FormEvent): void => {
    event?.preventDefault()
    const text = draft.trim()
    if (!text || chat.busy || !model) return
    setDraft('')
    void chat.send(text)
  }
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return
    event.preventDefault()
    submit()
  }

  return (
    <div className="screen chat">
      <ScreenHeader
        title="Chat"
        description="Talk to a model on your own machine. Nothing leaves it."
        actions={
          <>
            <label htmlFor={modelId} className="inline-label">
              Model
            </label>
            <select id={modelId} value={model} onChange={(e) => setModel(e.target.value)}>
              {options.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
            <button type="button" className="button" onClick={chat.clear} disabled={chat.busy || chat.turns.length === 0}>
              New chat
            </button>
          </>
        }
      />
      {models.data?.length === 0 && <FirstRunPull onInstalled={models.reload} />}
      {missing && models.data?.length !== 0 && (
        <p className="notice notice-warn" role="note">
          <strong>{model}</strong> is not installed on this Ollama server. Pull it first (Models screen), or choose an installed model.
        </p>
      )}
      <div className="transcript" role="log" aria-label="Conversation" aria-live="polite">
        {chat.turns.length === 0 && <p className="muted empty-chat">Ask anything. Enter sends, Shift+Enter adds a line.</p>}
        {chat.turns.map((turn) => (
          <TurnView key={turn.id} turn={turn} />
        ))}
        <div ref={endRef} />
      </div>
      <form className="composer" onSubmit={submit}>
        <label htmlFor={draftId} className="visually-hidden">
          Message
        </label>
        <textarea
          id={draftId}
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={onKeyDown}
          rows={3}
          placeholder="Write a message…"
        />
        {chat.busy ? (
          <button type="button" className="button button-danger" onClick={chat.stop}>
            Stop
          </button>
        ) : (
          <button type="submit" className="button button-primary" disabled={!draft.trim() || !model}>
            Send
          </button>
        )}
      </form>
    </div>
  )
}
