/** Each setting's name as the screen shows it, for messages that name a field (import errors, the recovery notice). */
export const SETTING_LABELS: Record<string, string> = {
  theme: 'Theme',
  language: 'Language',
  ollamaHost: 'Ollama address',
  ollamaHeaders: 'Extra request headers',
  manageOllama: 'Start and stop Ollama',
  ollamaExecutable: 'Ollama program',
  modelsDir: 'Models folder',
  keepAlive: 'Keep models loaded for',
  contextLength: 'Server context window (tokens)',
  defaultModel: 'Default model',
  chatDefaults: 'Options for new chats',
  'chatDefaults.temperature': 'Temperature',
  'chatDefaults.top_p': 'Top p',
  'chatDefaults.seed': 'Seed',
  'chatDefaults.num_ctx': 'Context window (tokens)',
  'chatDefaults.num_predict': 'Reply limit (tokens)',
  'chatDefaults.keep_alive': 'Keep the model loaded for',
  maxDocumentMb: 'Largest document (MB)',
  summaryLength: 'Summary length for new jobs',
  summaryLanguage: 'Summary language',
  jsonAttempts: 'Local model attempts per JSON input',
  jsonTimeLimitSeconds: 'Time limit without a model (seconds)',
  jsonMaxDepth: 'Deepest nesting',
  claudeModel: 'Claude model',
  version: 'Settings version',
}

export function settingLabel(key: string): string | undefined {
  return Object.hasOwn(SETTING_LABELS, key) ? SETTING_LABELS[key] : undefined
}
