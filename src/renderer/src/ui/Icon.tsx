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
