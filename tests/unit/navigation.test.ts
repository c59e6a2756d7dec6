import { describe, expect, it } from 'vitest'
import { withHandoff, type PendingHandoffs } from '../../src/renderer/src/ui/navigation.ts'
import type { OpenedFile } from '../../src/shared/domain/openedFiles.ts'

const opened = (name: string): OpenedFile => ({ name, size: 10, uploadId: `id-${name}` })

describe('screen handoffs', () => {
  it('adds files for Summarize to those still waiting, and keeps them through other handoffs', () => {
    let pending: PendingHandoffs = {}
    pending = withHandoff(pending, { kind: 'summarize-files', files: [opened('a.pdf')] })
    pending = withHandoff(pending, { kind: 'chat-command', command: 'new' })
    pending = withHandoff(pending, { kind: 'summarize-files', files: [opened('b.docx')] })
    expect(pending['summarize-files']?.files.map((f) => f.name)).toEqual(['a.pdf', 'b.docx'])
    expect(pending['chat-command']).toEqual({ kind: 'chat-command', command: 'new' })
  })

  it('replaces a waiting handoff of any other kind with the newer one', () => {
    const pending = withHandoff(withHandoff({}, { kind: 'json-input', text: 'old' }), { kind: 'json-input', text: 'new' })
    expect(pending['json-input']).toEqual({ kind: 'json-input', text: 'new' })
  })
})
