import { ipcMain, type BrowserWindow, type IpcMainEvent, type IpcMainInvokeEvent } from 'electron'
import { ELECTRON_EVENT, ELECTRON_INVOKE, ELECTRON_STREAM, type StreamFrame } from '../../shared/ipc/transport.ts'
import type { App } from '../app.ts'
import { Router, type Sender } from '../ipc/router.ts'

function senderOf(event: IpcMainEvent | IpcMainInvokeEvent): Sender {
  const url = event.senderFrame?.url ?? ''
  return { origin: url.startsWith('file:') ? 'file://' : URL.canParse(url) ? new URL(url).origin : '' }
}

/**
 * Connects ipcMain to the router: invokes by `handle`, streams over a MessagePort per call
 * (so a window reload closes the port and aborts the call), and events to every window.
 */
export function bridgeIpc(app: App, trustedOrigin: string, windows: () => BrowserWindow[]): () => void {
  const router = new Router(app.handlers, (sender) => sender.origin === trustedOrigin)

  ipcMain.handle(ELECTRON_INVOKE, (event, channel: unknown, payload: unknown) => router.invoke(channel, payload, senderOf(event)))

  ipcMain.on(ELECTRON_STREAM, (event, message: { channel?: unknown; payload?: unknown } | undefined) => {
    const port = event.ports[0]
    if (!port) return
    const controller = new AbortController()
    port.on('message', (msg) => {
      if ((msg.data as { kind?: string } | null)?.kind === 'cancel') controller.abort()
    })
    port.on('close', () => controller.abort())
    port.start()
    const post = (frame: StreamFrame): void => port.postMessage(frame)
    void router
      .stream(message?.channel, message?.payload, senderOf(event), {
        signal: controller.signal,
        events: (events) => post({ kind: 'events', events }),
      })
      .then((envelope) => {
        post({ kind: 'end', envelope })
        port.close()
      })
  })

  const unsubscribe = app.events.subscribe((channel, payload) => {
    for (const win of windows()) if (!win.isDestroyed()) win.webContents.send(ELECTRON_EVENT, channel, payload)
  })

  return () => {
    unsubscribe()
    ipcMain.removeHandler(ELECTRON_INVOKE)
    ipcMain.removeAllListeners(ELECTRON_STREAM)
  }
}
