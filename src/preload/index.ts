import { contextBridge, ipcRenderer } from 'electron'
import { ELECTRON_EVENT, ELECTRON_INVOKE, ELECTRON_STREAM, type RawBridge, type StreamFrame } from '../shared/ipc/transport.ts'
import type { Envelope } from '../shared/ipc/errors.ts'

// Generic on purpose: channel names and schemas live in the contract, checked in main.
const api: RawBridge = {
  invoke: (channel, payload) => ipcRenderer.invoke(ELECTRON_INVOKE, channel, payload) as Promise<Envelope<unknown>>,

  stream(channel, payload, onEvents) {
    const { port1, port2 } = new MessageChannel()
    const result = new Promise<Envelope<unknown>>((resolve) => {
      port1.onmessage = (message: MessageEvent<StreamFrame>) => {
        const frame = message.data
        if (frame.kind === 'events') onEvents(frame.events)
        else {
          resolve(frame.envelope)
          port1.close()
        }
      }
    })
    ipcRenderer.postMessage(ELECTRON_STREAM, { channel, payload }, [port2])
    return { result, cancel: () => port1.postMessage({ kind: 'cancel' }) }
  },

  on(channel, listener) {
    const forward = (_event: Electron.IpcRendererEvent, name: string, payload: unknown): void => {
      if (name === channel) listener(payload)
    }
    ipcRenderer.on(ELECTRON_EVENT, forward)
    return () => ipcRenderer.off(ELECTRON_EVENT, forward)
  },
}

contextBridge.exposeInMainWorld('api', api)
