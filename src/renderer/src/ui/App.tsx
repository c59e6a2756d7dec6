import { useEffect, useState } from 'react'
import { ChatScreen } from '../features/chat/ChatScreen.tsx'
import { JsonRepairScreen } from '../features/jsonRepair/JsonRepairScreen.tsx'
import { ModelsScreen } from '../features/models/ModelsScreen.tsx'
import { SettingsScreen } from '../features/settings/SettingsScreen.tsx'
import { SummarizeScreen } from '../features/summarize/SummarizeScreen.tsx'
import { ScreenIcon } from './Icon.tsx'
import { OllamaSetupBanner } from './OllamaSetupBanner.tsx'
import { SCREENS, type ScreenId } from './screens.ts'
import { StatusArea } from './StatusArea.tsx'

const CONTENT: Record<ScreenId, () => React.JSX.Element> = {
  chat: ChatScreen,
  models: ModelsScreen,
  summarize: SummarizeScreen,
  json: JsonRepairScreen,
  settings: SettingsScreen,
}

export function App() {
  const [screen, setScreen] = useState<ScreenId>('chat')

  useEffect(() => {
    // Ctrl/Cmd + 1…5 switches screens, like tabs in most desktop apps.
    const onKey = (event: KeyboardEvent): void => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return
      const target = SCREENS.find((s) => s.shortcut === event.key)
      if (target) {
        event.preventDefault()
        setScreen(target.id)
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])

  const Content = CONTENT[screen]
  const current = SCREENS.find((s) => s.id === screen)
  return (
    <div className="shell">
      <aside className="sidebar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            ◆
          </span>
          <span>Instruct Desk</span>
        </div>
        <nav aria-label="Main">
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
                  <span>{s.label}</span>
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <StatusArea />
      </aside>
      <main className="content" aria-label={current?.label}>
        <OllamaSetupBanner />
        <Content />
      </main>
    </div>
  )
}
