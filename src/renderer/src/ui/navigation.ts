import { createContext, useContext } from 'react'
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

export interface Navigation {
  /** Switches screens, optionally handing the new screen something to start with. */
  go(screen: ScreenId, handoff?: Handoff): void
  /** The handoff waiting for a screen, until it takes it. */
  pending: Handoff | undefined
  /** The screen took the handoff; it will not be offered again. */
  taken(): void
}

export const NavigationContext = createContext<Navigation>({ go: () => {}, pending: undefined, taken: () => {} })

export function useNavigation(): Navigation {
  return useContext(NavigationContext)
}

/** The waiting handoff of this kind, if any; call `taken` once it is used. */
export function useHandoff<K extends Handoff['kind']>(kind: K): { handoff: Extract<Handoff, { kind: K }> | undefined; taken(): void } {
  const navigation = useNavigation()
  const pending = navigation.pending?.kind === kind ? (navigation.pending as Extract<Handoff, { kind: K }>) : undefined
  return { handoff: pending, taken: navigation.taken }
}
