import type { DatabaseSync, StatementSync } from 'node:sqlite'
import type { ImageAttachment } from '../../../shared/domain/chatReply.ts'
import type { ImageMime, ImageRef } from '../../../shared/domain/conversation.ts'

const SQL = {
  insert: 'INSERT INTO message_images (message_id, position, mime, data) VALUES (?, ?, ?, ?)',
  ofConversation: `SELECT i.message_id, i.mime, length(i.data) AS bytes FROM message_images i JOIN messages m ON m.id = i.message_id
    WHERE m.conversation_id = ? ORDER BY i.message_id, i.position`,
  ofMessage: 'SELECT mime, data FROM message_images WHERE message_id = ? ORDER BY position',
  one: 'SELECT mime, data FROM message_images WHERE message_id = ? AND position = ?',
  rowsOf: 'SELECT message_id, position, mime, data FROM message_images WHERE message_id IN (SELECT value FROM json_each(?))',
} as const

/** A stored image as its row, to be put back unchanged. */
export type ImageRow = { message_id: string; position: number; mime: string; data: Uint8Array }

type RefRow = { message_id: string; mime: string; bytes: number }
type DataRow = { mime: string; data: Uint8Array }

/** The images attached to messages: stored as bytes, listed as references, read back as base64 for Ollama and the screen. */
export class MessageImages {
  private readonly statements: { [K in keyof typeof SQL]: StatementSync }

  constructor(db: DatabaseSync) {
    this.statements = Object.fromEntries(Object.entries(SQL).map(([name, sql]) => [name, db.prepare(sql)])) as typeof this.statements
  }

  add(messageId: string, images: readonly ImageAttachment[]): ImageRef[] {
    return images.map((image, position) => {
      const bytes = Buffer.from(image.data, 'base64')
      this.statements.insert.run(messageId, position, image.mime, bytes)
      return { mime: image.mime, bytes: bytes.length }
    })
  }

  /** References per message id, for the messages of one conversation that have any. */
  refsOf(conversationId: string): Map<string, ImageRef[]> {
    const refs = new Map<string, ImageRef[]>()
    for (const row of this.statements.ofConversation.all(conversationId) as RefRow[]) {
      const ref = { mime: row.mime as ImageMime, bytes: row.bytes }
      const list = refs.get(row.message_id)
      if (list) list.push(ref)
      else refs.set(row.message_id, [ref])
    }
    return refs
  }

  of(messageId: string): ImageAttachment[] {
    return (this.statements.ofMessage.all(messageId) as DataRow[]).map(toAttachment)
  }

  /** The rows of these messages' images, for `putBack` after the messages were deleted. */
  rowsOf(messageIds: readonly string[]): ImageRow[] {
    return this.statements.rowsOf.all(JSON.stringify(messageIds)) as ImageRow[]
  }

  putBack(rows: readonly ImageRow[]): void {
    for (const row of rows) this.statements.insert.run(row.message_id, row.position, row.mime, row.data)
  }

  one(messageId: string, index: number): ImageAttachment | undefined {
    const row = this.statements.one.get(messageId, index) as DataRow | undefined
    return row && toAttachment(row)
  }
}

function toAttachment(row: DataRow): ImageAttachment {
  return { mime: row.mime as ImageMime, data: Buffer.from(row.data).toString('base64') }
}
