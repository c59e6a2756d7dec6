import type { BrowserWindow } from 'electron'
import type { App } from '../app.ts'

/**
 * Mirrors model pulls on the taskbar/dock icon, so a long download shows while the window is
 * hidden: the share of bytes done across active pulls, paused when a pull waits to retry.
 */
export function showPullsOnTaskbar(services: App, windows: () => BrowserWindow[]): () => void {
  return services.events.subscribe((channel) => {
    if (channel !== 'models:pullProgress') return
    const fraction = services.pulls.overallFraction()
    const retrying = services.pulls.list().some((job) => job.state === 'retrying')
    for (const win of windows()) {
      win.setProgressBar(fraction ?? -1, { mode: fraction === undefined ? 'none' : retrying ? 'paused' : 'normal' })
    }
  })
}
