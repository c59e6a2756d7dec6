import { describe, expect, it } from 'vitest'
import { latestLeaf, type StoredMessage } from '../../src/shared/domain/conversation.ts'

function message(id: string, parentId: string | null, createdAt: number): StoredMessage {
  return { id, conversationId: 'c', parentId, role: parentId === null ? 'user' : 'assistant', content: id, state: 'complete', createdAt }
}

describe('latestLeaf', () => {
  // q ─┬─ a1 ── q2 ─┬─ b1 (t=4)
  //    │            └─ b2 (t=6)   ← the user was last here
  //    └─ a2 (t=5)
  const messages = [
    message('q', null, 1),
    message('a1', 'q', 2),
    message('q2', 'a1', 3),
    message('b1', 'q2', 4),
    message('a2', 'q', 5),
    message('b2', 'q2', 6),
  ]
  const byId = (id: string) => messages.find((m) => m.id === id) as StoredMessage

  it('goes back to the branch last worked on below a version, not its newest first reply', () => {
    expect(latestLeaf(messages, byId('q')).id).toBe('b2')
    expect(latestLeaf(messages, byId('a1')).id).toBe('b2')
    expect(latestLeaf(messages, byId('a2')).id).toBe('a2')
  })

  it('breaks a tie in time by stored order, and a message without replies is its own leaf', () => {
    const tied = [message('q', null, 1), message('x', 'q', 2), message('y', 'q', 2)]
    expect(latestLeaf(tied, tied[0] as StoredMessage).id).toBe('y')
    expect(latestLeaf(tied, tied[1] as StoredMessage).id).toBe('x')
  })
})
