import type { TFunction } from 'i18next'

/** Each setting's name as the screen shows it (a key of the `settings` catalog), for its field and for messages that name it (import errors, the recovery notice). */
export const SETTING_LABELS = {
  theme: 'labels.theme',
  language: 'labels.language',
  ollamaHost: 'labels.ollamaHost',
  ollamaHeaders: 'labels.ollamaHeaders',
  manageOllama: 'labels.manageOllama',
  ollamaExecutable: 'labels.ollamaExecutable',
  modelsDir: 'labels.modelsDir',
  keepAlive: 'labels.keepAlive',
  contextLength: 'labels.contextLength',
  defaultModel: 'labels.defaultModel',
  chatDefaults: 'labels.chatDefaults',
  'chatDefaults.temperature': 'labels.temperature',
  'chatDefaults.top_p': 'labels.topP',
  'chatDefaults.seed': 'labels.seed',
  'chatDefaults.num_ctx': 'labels.numCtx',
  'chatDefaults.num_predict': 'labels.numPredict',
  'chatDefaults.keep_alive': 'labels.chatKeepAlive',
  maxDocumentMb: 'labels.maxDocumentMb',
  summaryLength: 'labels.summaryLength',
  summaryLanguage: 'labels.summaryLanguage',
  jsonAttempts: 'labels.jsonAttempts',
  jsonTimeLimitSeconds: 'labels.jsonTimeLimitSeconds',
  jsonMaxDepth: 'labels.jsonMaxDepth',
  claudeModel: 'labels.claudeModel',
  version: 'labels.version',
} as const

export function settingLabel(key: string, t: TFunction<'settings'>): string | undefined {
  return Object.hasOwn(SETTING_LABELS, key) ? t(SETTING_LABELS[key as keyof typeof SETTING_LABELS]) : undefined
}
