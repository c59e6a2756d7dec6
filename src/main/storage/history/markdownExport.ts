import { activePath, type Conversation, type StoredMessage } from '../../../shared/domain/conversation.ts'

const SPEAKERS: Record<StoredMessage['role'], string> = { user: 'You', assistant: 'Assistant', system: 'System' }

/**
 * The conversation as a person reads it: title, model and date, the system prompt, then the thread
 * that is shown (the active branch only), each message as written. Replies that did not finish say so,
 * so an export never passes off a partial answer as a whole one.
 */
export function conversationToMarkdown(conversation: Conversation): string {
  const header = [
    `# ${conversation.title.replace(/\s+/g, ' ').trim()}`,
    `Model: ${conversation.model} · ${localDateTime(conversation.createdAt)}`,
  ]
  const system = conversation.systemPrompt.trim() ? [`**System prompt**\n\n${quote(conversation.systemPrompt)}`] : []
  const thread = activePath(conversation.messages, conversation.activeLeafId).map(messageSection)
  return `${[...header, ...system, '---', ...thread].join('\n\n')}\n`
}

function messageSection(message: StoredMessage): string {
  const note = stateNote(message)
  const reasoning = message.thinking ? [`*Reasoning before the answer:*\n\n${quote(message.thinking)}`] : []
  return [`**${SPEAKERS[message.role]}**`, ...reasoning, message.content, ...(note ? [`*${note}*`] : [])].join('\n\n')
}

function stateNote(message: StoredMessage): string | undefined {
  switch (message.state) {
    case 'complete':
      return undefined
    case 'streaming':
      return '(Still being written when exported.)'
    case 'interrupted':
      return '(Interrupted: this reply is incomplete.)'
    case 'stopped':
      return '(Stopped: this reply is incomplete.)'
    case 'failed':
      return `(Failed${message.error ? `: ${message.error.message}` : ''})`
  }
}

function quote(text: string): string {
  return text
    .split('\n')
    .map((line) => (line ? `> ${line}` : '>'))
    .join('\n')
}

/** `2025-03-14 09:26` in the exporting computer's time zone: the file is read by the person who made it. */
function localDateTime(ms: number): string {
  const at = new Date(ms)
  const two = (n: number): string => String(n).padStart(2, '0')
  return `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())} ${two(at.getHours())}:${two(at.getMinutes())}`
}
