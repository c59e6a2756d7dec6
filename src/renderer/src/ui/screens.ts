import type { ParseKeys } from 'i18next'

/** The screens in navigation order; `label` is the name's key in the `shell` catalog. */
export const SCREENS = [
  { id: 'chat', label: 'screens.chat', shortcut: '1' },
  { id: 'models', label: 'screens.models', shortcut: '2' },
  { id: 'summarize', label: 'screens.summarize', shortcut: '3' },
  { id: 'json', label: 'screens.json', shortcut: '4' },
  { id: 'settings', label: 'screens.settings', shortcut: '5' },
] as const satisfies readonly { id: string; label: ParseKeys<'shell'>; shortcut: string }[]

export type ScreenId = (typeof SCREENS)[number]['id']
