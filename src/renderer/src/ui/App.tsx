import { useCallback, useEffect, useMemo, useState, type DragEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { ChatScreen } from '../features/chat/ChatScreen.tsx'
import { JsonRepairScreen } from '../features/jsonRepair/JsonRepairScreen.tsx'
import { ModelsScreen } from '../features/models/ModelsScreen.tsx'
import { OpenedFilesListener } from '../features/summarize/OpenedFilesListener.tsx'
import { SummaryBatchProvider } from '../features/summarize/SummaryBatchProvider.tsx'
import { SettingsNotice } from '../features/settings/SettingsNotice.tsx'
import { SettingsScreen } from '../features/settings/SettingsScreen.tsx'
import { useAppearance } from '../features/settings/useAppearance.ts'
import { SummarizeScreen } from '../features/summarize/SummarizeScreen.tsx'
import { ScreenIcon } from './Icon.tsx'
import { OllamaSetupBanner } from './OllamaSetupBanner.tsx'
import { NavigationContext, withHandoff, type Handoff, type Navigation, type PendingHandoffs } from './navigation.ts'
import { SCREENS, type ScreenId } from './screens.ts'
import { CHAT_COMMANDS } from './shortcuts.ts'
import { ShortcutsDialog } from './ShortcutsDialog.tsx'
import { StatusArea } from './StatusArea.tsx'

const CONTENT: Record<ScreenId, () => React.JSX.Element> = {
  chat: ChatScreen,
  models: ModelsScreen,
  summarize: SummarizeScreen,
  json: JsonRepairScreen,
  settings: SettingsScreen,
}

export function App() {
  const { t } = useTranslation('shell')
  useAppearance()
  const [screen, setScreen] = useState<ScreenId>('chat')
  const [pending, setPending] = useState<PendingHandoffs>({})
  const go = useCallback((next: ScreenId, handoff?: Handoff) => {
    setScreen(next)
    if (handoff) setPending((current) => withHandoff(current, handoff))
  }, [])
  const taken = useCallback((kind: Handoff['kind']) => setPending(({ [kind]: _taken, ...rest }) => rest), [])
  const navigation = useMemo<Navigation>(() => ({ go, pending, taken }), [go, pending, taken])

  // Files dropped anywhere a screen does not take them itself are documents to summarize.
  const onDragOver = (event: DragEvent): void => {
    if (event.dataTransfer.types.includes('Files')) event.preventDefault()
  }
  const onDrop = (event: DragEvent): void => {
    const files = [...event.dataTransfer.files]
    // A drop zone inside (the chat's image attachments) took it already.
    if (files.length === 0 || event.defaultPrevented) return
    event.preventDefault()
    go('summarize', { kind: 'summarize-files', files })
  }

  const [showShortcuts, setShowShortcuts] = useState(false)
  useEffect(() => {
    // Ctrl/Cmd + 1…5 switches screens, like tabs in most desktop apps; the chat's commands work from anywhere.
    const onKey = (event: KeyboardEvent): void => {
      if (event.key === 'F1' || ((event.ctrlKey || event.metaKey) && event.key === '/')) {
        event.preventDefault()
        setShowShortcuts(true)
        return
      }
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return
      const target = SCREENS.find((s) => s.shortcut === event.key)
      const command = CHAT_COMMANDS[event.key.toLowerCase()]
      if (target) go(target.id)
      else if (command) go('chat', { kind: 'chat-command', command })
      else return
      event.preventDefault()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [go])

  const Content = CONTENT[screen]
  const current = SCREENS.find((s) => s.id === screen)
  return (
    <NavigationContext value={navigation}>
      <SummaryBatchProvider>
        <OpenedFilesListener />
        <div className="shell" onDragOver={onDragOver} onDrop={onDrop}>
          <aside className="sidebar">
            <div className="brand">
              <span className="brand-mark" aria-hidden="true">
                ◆
              </span>
              <span>{t('appName')}</span>
            </div>
            <nav aria-label={t('mainNavigation')}>
              <ul className="nav-list">
                {SCREENS.map((s) => (
                  <li key={s.id}>
                    <button
                      type="button"
                      className="nav-item"
                      aria-current={s.id === screen ? 'page' : undefined}
                      aria-keyshortcuts={`Control+${s.shortcut}`}
                      onClick={() => setScreen(s.id)}
                    >
                      <ScreenIcon screen={s.id} />
                      <span>{t(s.label)}</span>
                    </button>
                  </li>
                ))}
              </ul>
            </nav>
            <button
              type="button"
              className="button button-small shortcuts-button"
              aria-keyshortcuts="F1"
              onClick={() => setShowShortcuts(true)}
            >
              {t('shortcuts.open')}
            </button>
            <StatusArea />
          </aside>
          <main className="content" aria-label={current && t(current.label)}>
            <OllamaSetupBanner />
            <SettingsNotice onSettingsScreen={screen === 'settings'} />
            <Content />
          </main>
          {showShortcuts && <ShortcutsDialog onClose={() => setShowShortcuts(false)} />}
        </div>
      </SummaryBatchProvider>
    </NavigationContext>
  )
}
