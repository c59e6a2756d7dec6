import { describe, expect, it } from 'vitest'
import { latestLeaf, type Conversation, type StoredMessage } from '../../src/shared/domain/conversation.ts'
import { showsTheSame, withPendingReply } from '../../src/renderer/src/features/chat/conversationTree.ts'

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

describe('the message drawn before main stores it', () => {
  const conversation: Conversation = {
    id: 'c',
    title: 'T',
    model: 'm',
    systemPrompt: '',
    options: {},
    pinned: false,
    createdAt: 1,
    updatedAt: 1,
    messageCount: 1,
    activeLeafId: 'q',
    messages: [message('q', null, 1)],
  }
  const ids = { user: 'u', reply: 'r' }

  it('hangs the message below the thread’s end and its empty, streaming reply below it, which becomes the end', () => {
    const drawn = withPendingReply(conversation, ids, 'Hello')
    expect(drawn.activeLeafId).toBe('r')
    expect(drawn.messages.slice(1)).toMatchObject([
      { id: 'u', parentId: 'q', role: 'user', content: 'Hello', state: 'complete' },
      { id: 'r', parentId: 'u', role: 'assistant', content: '', state: 'streaming' },
    ])
  })

  it('counts the stored copy as the same drawing whatever its time, and anything shown differently as a change', () => {
    const [, user, reply] = withPendingReply(conversation, ids, 'Hello').messages as StoredMessage[]
    if (!user || !reply) throw new Error('not drawn')
    expect(showsTheSame(user, { ...user, createdAt: user.createdAt + 5 })).toBe(true)
    expect(showsTheSame(reply, { ...reply, content: 'Hi' })).toBe(false)
    expect(showsTheSame(reply, { ...reply, state: 'failed', error: { code: 'OLLAMA_ERROR', message: 'x' } })).toBe(false)
    expect(showsTheSame(user, { ...user, images: [{ mime: 'image/png', bytes: 3 }] })).toBe(false)
  })
})
