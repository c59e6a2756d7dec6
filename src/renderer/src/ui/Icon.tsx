import type { ScreenId } from './screens.ts'

const PATHS: Record<ScreenId, string> = {
  chat: 'M4 5h16v10H8l-4 4z',
  models: 'M12 3l8 4.5v9L12 21l-8-4.5v-9zM12 12l8-4.5M12 12v9M12 12L4 7.5',
  summarize: 'M6 3h9l4 4v14H6zM9 10h7M9 14h7M9 18h4',
  json: 'M9 4c-3 0-3 2-3 4s-2 4-2 4 2 2 2 4 0 4 3 4M15 4c3 0 3 2 3 4s2 4 2 4-2 2-2 4 0 4-3 4',
  settings:
    'M12 9a3 3 0 100 6 3 3 0 000-6zM4 12h2M18 12h2M12 4v2M12 18v2M6.3 6.3l1.4 1.4M16.3 16.3l1.4 1.4M6.3 17.7l1.4-1.4M16.3 7.7l1.4-1.4',
}

/** Decorative: the button next to it carries the accessible name. */
export function ScreenIcon({ screen }: { screen: ScreenId }) {
  return (
    <svg className="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d={PATHS[screen]} />
    </svg>
  )
}

const ACTION_PATHS = {
  rename: 'M4 20h4L19 9l-4-4L4 16zM14 6l4 4',
  pin: 'M9 4h6l-1 6 3 3H7l3-3zM12 13v7',
  delete: 'M5 7h14M10 7V4h4v3M7 7l1 13h8l1-13M10 11v6M14 11v6',
  previous: 'M15 5l-7 7 7 7',
  next: 'M9 5l7 7-7 7',
} as const

export type ActionIconName = keyof typeof ACTION_PATHS

/** Decorative, like ScreenIcon: the button carries the name. */
export function ActionIcon({ name }: { name: ActionIconName }) {
  return (
    <svg className="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d={ACTION_PATHS[name]} />
    </svg>
  )
}
