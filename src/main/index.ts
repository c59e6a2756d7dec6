import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { app, BrowserWindow } from 'electron'
import { createApp } from './app.ts'
import { DISABLED_CHROMIUM_FEATURES } from './electron/chromiumFeatures.ts'
import { bridgeIpc } from './electron/ipcBridge.ts'
import { installMenu } from './electron/menu.ts'
import { followThemeSetting } from './electron/nativeTheme.ts'
import { openFolder } from './electron/openFolder.ts'
import { keychainCipher } from './electron/secretCipher.ts'
import { showPullsOnTaskbar } from './electron/taskbarProgress.ts'
import { receiveOpenedFiles, type OpenedFilesReceiver } from './electron/openWith.ts'
import { createMainWindow, hardenSession } from './electron/window.ts'
import { warmUp } from './tokens/tokenCounter.ts'

const here = path.dirname(fileURLToPath(import.meta.url))

// Reviewed: turns off a task-scheduling feature, no security one (see chromiumFeatures.ts).
app.commandLine.appendSwitch('disable-features', DISABLED_CHROMIUM_FEATURES.join(',')) // eng-disable CUSTOM_ARGUMENTS_JS_CHECK

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  const openedFiles = receiveOpenedFiles()
  app.on('second-instance', () => {
    const [win] = BrowserWindow.getAllWindows()
    if (win) {
      if (win.isMinimized()) win.restore()
      win.focus()
    }
  })
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault())
  })
  void app.whenReady().then(() => start(openedFiles))
}

async function start(openedFiles: OpenedFilesReceiver): Promise<void> {
  const dataDir = app.getPath('userData')
  const services = await createApp({ host: 'electron', dataDir, secretCipher: keychainCipher(), openFolder, superviseOllama: true })
  followThemeSetting(services.settings)
  const rendererUrl = process.env.ELECTRON_RENDERER_URL ?? `file://${path.join(here, '../renderer/index.html')}`
  const trustedOrigin = rendererUrl.startsWith('file:') ? 'file://' : new URL(rendererUrl).origin

  hardenSession()
  installMenu(process.platform === 'darwin')
  const stopIpc = bridgeIpc(services, trustedOrigin, () => BrowserWindow.getAllWindows())
  const stopTaskbar = showPullsOnTaskbar(services, () => BrowserWindow.getAllWindows())
  services.ollama.start()
  // The tokenizer's vocabulary takes a moment to load; do it now rather than on the first count.
  setTimeout(() => void warmUp(), 1_000).unref()

  const openWindow = (): Promise<BrowserWindow> =>
    createMainWindow({ preload: path.join(here, '../preload/index.cjs'), rendererUrl, stateFile: path.join(dataDir, 'window-state.json') })
  await openWindow()
  // Files the OS opens with the app go to Summarize; on macOS they can come while no window is open.
  openedFiles.deliver((paths) => {
    void services.openFiles(paths)
    if (BrowserWindow.getAllWindows().length === 0) void openWindow()
  })

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void openWindow()
  })
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  let disposed = false
  app.on('will-quit', (event) => {
    if (disposed) return
    // Quit waits until a server the app started has stopped; an orphaned `ollama serve` would keep the port and memory.
    event.preventDefault()
    disposed = true
    stopTaskbar()
    stopIpc()
    void services.dispose().finally(() => app.quit())
  })
}
