import type { TFunction } from 'i18next'
import type { ChatCommand } from './navigation.ts'
import { SCREENS } from './screens.ts'

/** Ctrl on Windows and Linux, ⌘ on macOS: the key every shortcut below is pressed with. */
export const MOD = navigator.platform.startsWith('Mac') ? '⌘' : 'Ctrl'

/** Chat commands reachable from any screen, by the letter pressed with MOD. */
export const CHAT_COMMANDS: Record<string, ChatCommand> = { n: 'new', k: 'search', l: 'focus' }

/** Every shortcut, as the help panel lists them. Key names stay as printed on keyboards. */
export function shortcutList(t: TFunction<'shell'>): { keys: string; what: string }[] {
  return [
    ...SCREENS.map((s) => ({ keys: `${MOD}+${s.shortcut}`, what: t('shortcuts.goTo', { screen: t(s.label) }) })),
    { keys: `${MOD}+N`, what: t('shortcuts.newChat') },
    { keys: `${MOD}+K`, what: t('shortcuts.search') },
    { keys: `${MOD}+L`, what: t('shortcuts.write') },
    { keys: 'Enter', what: t('shortcuts.send') },
    { keys: 'Esc', what: t('shortcuts.stop') },
    { keys: t('shortcuts.either', { first: `${MOD}+/`, second: 'F1' }), what: t('shortcuts.help') },
  ]
}
