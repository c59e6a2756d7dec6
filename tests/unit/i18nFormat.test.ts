import { afterEach, describe, expect, it, vi } from 'vitest'
import { createFormats } from '../../src/renderer/src/i18n/format.ts'

const NOV_27 = Date.UTC(2026, 10, 27, 12)

describe('formats follow the locale they are made for', () => {
  it('writes German numbers, sizes and durations with German separators', () => {
    const de = createFormats('de-DE')
    expect(de.number(1234.5)).toBe('1.234,5')
    expect(de.number(0.5, 2)).toBe('0,50')
    expect(de.bytes(4_700_000_000)).toBe('4,7 GB')
    expect(de.bytes(12_345)).toBe('12 kB')
    expect(de.duration(3720)).toBe('1 h 2 min')
    expect(de.date(NOV_27)).toMatch(/^27\. Nov\.? 2026$/)
  })

  it('writes English as the screens always have: 1,234.5, 4.7 GB, Nov 27, 2026', () => {
    const en = createFormats('en-US')
    expect(en.number(1234.5)).toBe('1,234.5')
    expect(en.number(2.5, 1)).toBe('2.5')
    expect(en.bytes(999)).toBe('999 B')
    expect(en.bytes(4_700_000_000)).toBe('4.7 GB')
    expect(en.duration(42)).toBe('42 s')
    expect(en.date(NOV_27)).toBe('Nov 27, 2026')
  })
})

describe('the catalogs', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
    vi.resetModules()
  })

  it('write numbers in the OS locale while the words stay in the catalog’s language', async () => {
    // The OS says German; the only complete catalog is English.
    vi.stubGlobal('navigator', { language: 'de-DE' })
    vi.resetModules()
    const { i18n } = await import('../../src/renderer/src/i18n/i18n.ts')
    expect(i18n.t('summarize:counts.token', { count: 12_345 })).toBe('12.345 tokens')
    expect(i18n.t('summarize:counts.token', { count: 1 })).toBe('1 token')
    expect(i18n.t('models:pullStatus.received', { done: 1_500_000_000, total: 4_700_000_000 })).toBe('1,5 GB of 4,7 GB')
    expect(i18n.t('chat:compare.firstToken', { seconds: 0.25 })).toBe('first token after 0,25 s')
  })
})
