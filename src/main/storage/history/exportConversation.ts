import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import { ImageAttachment } from '../../../shared/domain/chatReply.ts'
import { Conversation, type StoredMessage } from '../../../shared/domain/conversation.ts'
import { AppError } from '../../../shared/ipc/errors.ts'

export const EXPORT_FORMAT = 'instruct-desk-conversation'
export const EXPORT_VERSION = 1

export const ConversationExport = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(EXPORT_VERSION),
  conversation: Conversation,
  /** Attached images by message id; files from before images were supported have none. */
  images: z.record(z.string(), z.array(ImageAttachment)).optional(),
})
export type ConversationExport = z.infer<typeof ConversationExport>

export function toExport(conversation: Conversation, images: Record<string, ImageAttachment[]>): ConversationExport {
  return { format: EXPORT_FORMAT, version: EXPORT_VERSION, conversation, ...(Object.keys(images).length > 0 && { images }) }
}

export interface ImportedConversation {
  conversation: Conversation
  /** The attached images, by the new message ids. */
  images: Map<string, ImageAttachment[]>
}

/**
 * A conversation from an exported file (its text or the parsed JSON), checked and ready to store as
 * a new one: new ids for it and every message (the tree and the active leaf kept), messages ordered
 * parents first, a reply that was still streaming when exported marked interrupted. Importing twice
 * makes two copies.
 */
export function fromExport(file: unknown): ImportedConversation {
  const { conversation, images = {} } = parseExport(typeof file === 'string' ? parseJson(file) : file)
  const messages = parentsFirst(conversation.messages)
  if (conversation.activeLeafId !== null && !messages.some((m) => m.id === conversation.activeLeafId))
    throw invalid(`the active message ${conversation.activeLeafId} is not among its messages`)
  const ids = new Map(messages.map((m) => [m.id, randomUUID()]))
  const newId = (id: string): string => ids.get(id) ?? id
  const id = randomUUID()
  const imported: Conversation = {
    ...conversation,
    id,
    createdAt: Math.round(conversation.createdAt),
    updatedAt: Math.round(conversation.updatedAt),
    messageCount: messages.length,
    activeLeafId: conversation.activeLeafId === null ? null : newId(conversation.activeLeafId),
    messages: messages.map((m) => ({
      ...m,
      id: newId(m.id),
      conversationId: id,
      parentId: m.parentId === null ? null : newId(m.parentId),
      state: m.state === 'streaming' ? 'interrupted' : m.state,
      createdAt: Math.round(m.createdAt),
    })),
  }
  return {
    conversation: imported,
    images: new Map(
      Object.entries(images)
        .filter(([old]) => ids.has(old))
        .map(([old, list]) => [newId(old), list]),
    ),
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch (error) {
    throw invalid(`it is not JSON (${(error as Error).message})`)
  }
}

function parseExport(json: unknown): ConversationExport {
  const header = z.object({ format: z.unknown(), version: z.unknown() }).safeParse(json)
  if (!header.success || header.data.format !== EXPORT_FORMAT)
    throw invalid(`it is not an Instruct Desk conversation export (expected "format": "${EXPORT_FORMAT}")`)
  const { version } = header.data
  if (typeof version === 'number' && version > EXPORT_VERSION)
    throw invalid(`it was exported by a newer version of Instruct Desk (format version ${version}; this version reads ${EXPORT_VERSION})`)
  const parsed = ConversationExport.safeParse(json)
  if (!parsed.success) throw invalid(describeIssues(parsed.error.issues))
  return parsed.data
}

/** The first few problems, each with where it is (`conversation.messages[3].role: …`). */
function describeIssues(issues: z.ZodError['issues']): string {
  const shown = issues.slice(0, 3).map((issue) => `${issuePath(issue.path)}: ${issue.message}`)
  const more = issues.length > shown.length ? ` (and ${issues.length - shown.length} more)` : ''
  return `${shown.join('; ')}${more}`
}

function issuePath(path: readonly PropertyKey[]): string {
  const text = path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i ? '.' : ''}${String(key)}`)).join('')
  return text || 'the file'
}

/** The messages ordered so that each comes after its parent; refuses duplicates, missing parents and loops. */
function parentsFirst(messages: readonly StoredMessage[]): StoredMessage[] {
  const children = new Map<string | null, StoredMessage[]>()
  const ids = new Set<string>()
  for (const message of messages) {
    if (ids.has(message.id)) throw invalid(`the message id ${message.id} appears twice`)
    ids.add(message.id)
    const siblings = children.get(message.parentId)
    if (siblings) siblings.push(message)
    else children.set(message.parentId, [message])
  }
  for (const message of messages)
    if (message.parentId !== null && !ids.has(message.parentId))
      throw invalid(`message ${message.id} answers ${message.parentId}, which is not among its messages`)
  // Breadth first: for…of also visits what the loop appends.
  const ordered = [...(children.get(null) ?? [])]
  for (const message of ordered) ordered.push(...(children.get(message.id) ?? []))
  if (ordered.length < messages.length) throw invalid('some messages answer each other in a loop and have no first message')
  return ordered
}

function invalid(problem: string): AppError {
  return new AppError({
    code: 'BAD_REQUEST',
    message: `This file cannot be imported as a conversation: ${problem}.`,
    hint: 'Import a file made with Export → JSON in Instruct Desk.',
  })
}
