export const SCREENS = [
  { id: 'chat', label: 'Chat', shortcut: '1' },
  { id: 'models', label: 'Models', shortcut: '2' },
  { id: 'summarize', label: 'Summarize', shortcut: '3' },
  { id: 'json', label: 'JSON', shortcut: '4' },
  { id: 'settings', label: 'Settings', shortcut: '5' },
] as const

export type ScreenId = (typeof SCREENS)[number]['id']
