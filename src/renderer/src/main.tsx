import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import './i18n/i18n.ts'
import { applyRememberedTheme } from './features/settings/appearance.ts'
import { App } from './ui/App.tsx'
import './ui/styles.css'

applyRememberedTheme()
const root = document.getElementById('root')
if (!root) throw new Error('index.html is missing #root')
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
