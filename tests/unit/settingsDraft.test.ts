import { describe, expect, it } from 'vitest'
import { Settings } from '../../src/shared/domain/settings.ts'
import { draftOf, patchOf } from '../../src/renderer/src/features/settings/settingsDraft.ts'

const saved = Settings.parse({ ollamaHost: 'gpu-box:11434', chatDefaults: { temperature: 0.5 } })

describe('the Settings form’s draft', () => {
  it('sends only what was changed, so a value saved elsewhere meanwhile is not undone', () => {
    const draft = draftOf(saved)
    expect(patchOf(draft, saved)).toEqual({ patch: {} })
    draft.text.jsonAttempts = '4'
    draft.text['chatDefaults.num_ctx'] = ' 16384 '
    draft.text['chatDefaults.keep_alive'] = '10m'
    expect(patchOf(draft, saved)).toEqual({
      patch: { jsonAttempts: 4, chatDefaults: { temperature: 0.5, num_ctx: 16_384, keep_alive: '10m' } },
    })
  })

  it('leaves an emptied option for new chats to the model', () => {
    const draft = draftOf(saved)
    draft.text['chatDefaults.temperature'] = ''
    expect(patchOf(draft, saved)).toEqual({ patch: { chatDefaults: {} } })
  })

  it('marks typing that is not a number beside its field before asking main', () => {
    const draft = draftOf(saved)
    draft.text.maxDocumentMb = ''
    draft.text.jsonMaxDepth = '12.5'
    draft.text['chatDefaults.top_p'] = 'half'
    draft.text['chatDefaults.seed'] = '4.2'
    draft.text.ollamaHeaders = 'X-Route gpu'
    expect(patchOf(draft, saved)).toEqual({
      fields: {
        maxDocumentMb: 'must not be empty',
        jsonMaxDepth: 'must be a whole number',
        'chatDefaults.top_p': 'must be a number',
        'chatDefaults.seed': 'must be a whole number',
        ollamaHeaders: 'Line 1 needs the form “Name: value”.',
      },
    })
  })
})
