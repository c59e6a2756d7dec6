import path from 'node:path'
import { BrowserWindow, screen, session, shell } from 'electron'
import { readJson, writeJsonAtomic } from '../storage/jsonFile.ts'
import { contentSecurityPolicy } from '../security/csp.ts'
import { mayNavigate, openableExternally, permissionGranted } from '../security/windowPolicy.ts'
import { fitToDisplays, WindowState } from './windowState.ts'

/**
 * DESIGN §7: CSP on every response, every permission denied but one: writing plain text to the
 * clipboard, which the Copy buttons need and which cannot read anything back.
 */
export function hardenSession(): void {
  const csp = contentSecurityPolicy()
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } })
  })
  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback) => callback(permissionGranted(permission)))
  session.defaultSession.setPermissionCheckHandler((_wc, permission) => permissionGranted(permission))
}

export async function createMainWindow(options: { preload: string; rendererUrl: string; stateFile: string }): Promise<BrowserWindow> {
  const read = await readJson(options.stateFile)
  const remembered = WindowState.safeParse(read.kind === 'ok' ? read.value : {})
  const state = fitToDisplays(
    remembered.success ? remembered.data : WindowState.parse({}),
    screen.getAllDisplays().map((d) => d.workArea),
  )

  const win = new BrowserWindow({
    ...state,
    minWidth: 640,
    minHeight: 480,
    show: false,
    title: 'Instruct Desk',
    webPreferences: {
      // Reviewed: the preload exposes three generic functions (invoke, stream, on) and no Node API.
      preload: options.preload, // eng-disable PRELOAD_JS_CHECK
      // Written out here, not spread from a constant, so the security linter sees each one.
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: true,
      // Middle-click would open links in new windows; the app has none to open.
      disableBlinkFeatures: 'Auxclick',
    },
  })
  if (state.maximized) win.maximize()
  win.once('ready-to-show', () => win.show())

  const stayInApp = (event: { preventDefault(): void }, url: string): void => {
    if (!mayNavigate(url, options.rendererUrl)) event.preventDefault()
  }
  win.webContents.on('will-navigate', stayInApp)
  win.webContents.on('will-redirect', stayInApp)
  win.webContents.setWindowOpenHandler(({ url }) => {
    // Reviewed: only https addresses, handed to the system browser; everything else is dropped.
    if (openableExternally(url)) void shell.openExternal(url) // eng-disable OPEN_EXTERNAL_JS_CHECK
    return { action: 'deny' }
  })
  win.on('close', () => {
    const bounds = win.getNormalBounds()
    void writeJsonAtomic(options.stateFile, { ...bounds, maximized: win.isMaximized() })
  })

  await (options.rendererUrl.startsWith('file:')
    ? win.loadFile(path.normalize(new URL(options.rendererUrl).pathname))
    : win.loadURL(options.rendererUrl))
  return win
}
