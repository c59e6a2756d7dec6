import type { ChatCommand } from './navigation.ts'
import { SCREENS } from './screens.ts'

/** Ctrl on Windows and Linux, ⌘ on macOS: the key every shortcut below is pressed with. */
export const MOD = navigator.platform.startsWith('Mac') ? '⌘' : 'Ctrl'

/** Chat commands reachable from any screen, by the letter pressed with MOD. */
export const CHAT_COMMANDS: Record<string, ChatCommand> = { n: 'new', k: 'search', l: 'focus' }

/** Every shortcut, as the help panel lists them. */
export const SHORTCUTS: { keys: string; what: string }[] = [
  ...SCREENS.map((s) => ({ keys: `${MOD}+${s.shortcut}`, what: `Go to ${s.label}` })),
  { keys: `${MOD}+N`, what: 'New chat' },
  { keys: `${MOD}+K`, what: 'Search all messages' },
  { keys: `${MOD}+L`, what: 'Write a message' },
  { keys: 'Enter', what: 'Send the message (Shift+Enter adds a line)' },
  { keys: 'Esc', what: 'Stop the reply that is streaming' },
  { keys: `${MOD}+/ or F1`, what: 'Show these shortcuts' },
]
