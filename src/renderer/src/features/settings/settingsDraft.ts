import type { Settings, SettingsPatch } from '../../../../shared/domain/settings.ts'
import { i18n } from '../../i18n/i18n.ts'
import { headersToText, textToHeaders } from './headersText.ts'

/** Settings typed as text; numbers too, so a half-typed value can be corrected beside its field rather than lost. */
const TEXT_KEYS = ['ollamaHost', 'ollamaExecutable', 'modelsDir', 'keepAlive', 'defaultModel', 'summaryLanguage'] as const
const WHOLE_NUMBER_KEYS = ['contextLength', 'maxDocumentMb', 'jsonAttempts', 'jsonTimeLimitSeconds', 'jsonMaxDepth'] as const
/** A new chat's options; empty means the model's own default. */
const CHAT_NUMBER_KEYS = ['temperature', 'top_p', 'seed', 'num_ctx', 'num_predict'] as const
const CHAT_WHOLE_NUMBERS = new Set<string>(['seed', 'num_ctx', 'num_predict'])

export type DraftKey =
  | (typeof TEXT_KEYS)[number]
  | (typeof WHOLE_NUMBER_KEYS)[number]
  | `chatDefaults.${(typeof CHAT_NUMBER_KEYS)[number] | 'keep_alive'}`
  | 'ollamaHeaders'

export interface Draft {
  /** Every typed field by the key its errors come back under. */
  text: Record<DraftKey, string>
  manageOllama: boolean
  summaryLength: Settings['summaryLength']
}

export function draftOf(settings: Settings): Draft {
  const text = { ollamaHeaders: headersToText(settings.ollamaHeaders) } as Record<DraftKey, string>
  for (const key of TEXT_KEYS) text[key] = settings[key]
  for (const key of WHOLE_NUMBER_KEYS) text[key] = String(settings[key])
  for (const key of CHAT_NUMBER_KEYS) text[`chatDefaults.${key}`] = settings.chatDefaults[key]?.toString() ?? ''
  text['chatDefaults.keep_alive'] = settings.chatDefaults.keep_alive ?? ''
  return { text, manageOllama: settings.manageOllama, summaryLength: settings.summaryLength }
}

/**
 * The settings the draft changes (only those, so a value saved elsewhere meanwhile is not undone),
 * or what is wrong with the typing itself; the rules are main's, which answers field by field.
 */
export function patchOf(draft: Draft, saved: Settings): { patch: SettingsPatch } | { fields: Record<string, string> } {
  const fields: Record<string, string> = {}
  const number = (key: DraftKey, whole: boolean): number | undefined => {
    const typed = draft.text[key].trim()
    if (typed === '') return undefined
    const value = Number(typed)
    if (!Number.isFinite(value)) fields[key] = i18n.t('settings:draft.notNumber')
    else if (whole && !Number.isInteger(value)) fields[key] = i18n.t('settings:draft.notWhole')
    return value
  }
  const next: SettingsPatch = { manageOllama: draft.manageOllama, summaryLength: draft.summaryLength }
  for (const key of TEXT_KEYS) next[key] = draft.text[key]
  for (const key of WHOLE_NUMBER_KEYS) {
    const value = number(key, true)
    if (value === undefined) fields[key] = i18n.t('settings:draft.empty')
    else next[key] = value
  }
  const chatDefaults: Settings['chatDefaults'] = {}
  for (const key of CHAT_NUMBER_KEYS) {
    const value = number(`chatDefaults.${key}`, CHAT_WHOLE_NUMBERS.has(key))
    if (value !== undefined) chatDefaults[key] = value
  }
  const keepAlive = draft.text['chatDefaults.keep_alive'].trim()
  if (keepAlive) chatDefaults.keep_alive = keepAlive
  next.chatDefaults = chatDefaults
  const headers = textToHeaders(draft.text.ollamaHeaders)
  if ('error' in headers) fields.ollamaHeaders = headers.error
  else next.ollamaHeaders = headers.headers
  if (Object.keys(fields).length > 0) return { fields }
  const changed = Object.entries(next).filter(([key, value]) => JSON.stringify(value) !== JSON.stringify(saved[key as keyof Settings]))
  return { patch: Object.fromEntries(changed) as SettingsPatch }
}
