import { app } from 'electron'
import { launchPaths } from '../features/summarize/launchPaths.ts'

/** Files opened together arrive one event or launch at a time; those this close together become one batch. */
const GATHER_MS = 250

export interface OpenedFilesReceiver {
  /** From now on (and at once for what already came) files go to `open`. */
  deliver(open: (paths: string[]) => void): void
}

/**
 * Documents the OS opens with the app: named on the first launch's command line, on a later
 * launch's (handed over by the single-instance lock), or in macOS open-file events, which can
 * come before the app is ready. Call before `ready`; files are kept until `deliver` says where they go.
 */
export function receiveOpenedFiles(): OpenedFilesReceiver {
  // The executable, and in development the app folder Electron was given, come before the files.
  const ownArgs = app.isPackaged ? 1 : 2
  const gathered: string[] = launchPaths(process.argv.slice(ownArgs), process.cwd())
  let open: ((paths: string[]) => void) | undefined
  let timer: ReturnType<typeof setTimeout> | undefined
  const flush = (): void => {
    timer = undefined
    if (open && gathered.length > 0) open(gathered.splice(0))
  }
  const receive = (paths: string[]): void => {
    gathered.push(...paths)
    if (open && timer === undefined) timer = setTimeout(flush, GATHER_MS)
  }

  app.on('open-file', (event, file) => {
    event.preventDefault()
    receive([file])
  })
  app.on('second-instance', (_event, argv, workingDirectory) => receive(launchPaths(argv.slice(ownArgs), workingDirectory)))
  return {
    deliver(target) {
      open = target
      flush()
    },
  }
}
