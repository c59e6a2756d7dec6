import { useEffect, useEffectEvent } from 'react'
import type { OpenedFile } from '../../../../shared/domain/openedFiles.ts'
import { api } from '../../ipc/client.ts'
import { useNavigation } from '../../ui/navigation.ts'

/**
 * Files the OS opened with the app ("Open with Instruct Desk") go to Summarize and start like
 * dropped files, after any still waiting there. Those opened before this window was ready are
 * taken at once; main hands each file to one window only.
 */
export function OpenedFilesListener(): null {
  const navigation = useNavigation()
  const summarize = useEffectEvent((files: OpenedFile[]) => navigation.go('summarize', { kind: 'summarize-files', files }))
  useEffect(() => {
    // A failed take (the bridge reconnecting) leaves the files in main; the reconnect takes them.
    const take = (): void =>
      void api.invoke('files:takeOpened', {}).then(
        ({ files }) => files.length > 0 && summarize(files),
        () => undefined,
      )
    const stopEvents = api.on('files:opened', take)
    const stopReconnects = api.onReconnect(take)
    take()
    return () => {
      stopEvents()
      stopReconnects()
    }
  }, [])
  return null
}
