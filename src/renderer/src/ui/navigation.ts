import { createContext, useCallback, useContext } from 'react'
import type { OpenedFile } from '../../../shared/domain/openedFiles.ts'
import type { ScreenId } from './screens.ts'

/** What a keyboard shortcut asks of the chat screen, from wherever it was pressed. */
export type ChatCommand = 'new' | 'search' | 'focus'

/** A document on its way to Summarize: dropped or picked in the window, or opened with the app by the OS (already in main). */
export type IncomingFile = File | OpenedFile

/** Work one screen hands to another: text to turn into JSON, a chat to open, files to summarize, a shortcut's command. */
export type Handoff =
  | { kind: 'json-input'; text: string }
  | { kind: 'open-conversation'; id: string }
  | { kind: 'summarize-files'; files: IncomingFile[] }
  | { kind: 'chat-command'; command: ChatCommand }

type HandoffOf<K extends Handoff['kind']> = Extract<Handoff, { kind: K }>

/** One waiting handoff per kind: files waiting for Summarize stay while a shortcut or another screen is used. */
export type PendingHandoffs = { [K in Handoff['kind']]?: HandoffOf<K> }

export interface Navigation {
  /** Switches screens, optionally handing the new screen something to start with. */
  go(screen: ScreenId, handoff?: Handoff): void
  /** The handoffs waiting for their screens, each until its screen takes it. */
  pending: PendingHandoffs
  /** The screen took its handoff; it will not be offered again. */
  taken(kind: Handoff['kind']): void
}

/**
 * A new handoff replaces a waiting one of its kind, except files to summarize: those add up, so
 * nothing dropped or opened is lost while earlier files still wait.
 */
export function withHandoff(pending: PendingHandoffs, handoff: Handoff): PendingHandoffs {
  const waiting = pending['summarize-files']
  if (handoff.kind === 'summarize-files' && waiting)
    return { ...pending, [handoff.kind]: { ...handoff, files: [...waiting.files, ...handoff.files] } }
  return { ...pending, [handoff.kind]: handoff }
}

export const NavigationContext = createContext<Navigation>({ go: () => {}, pending: {}, taken: () => {} })

export function useNavigation(): Navigation {
  return useContext(NavigationContext)
}

/** The waiting handoff of this kind, if any; call `taken` once it is used. */
export function useHandoff<K extends Handoff['kind']>(kind: K): { handoff: HandoffOf<K> | undefined; taken(): void } {
  const { pending, taken } = useNavigation()
  const handoff = pending[kind] as HandoffOf<K> | undefined
  const takenThis = useCallback(() => taken(kind), [taken, kind])
  return { handoff, taken: takenThis }
}
