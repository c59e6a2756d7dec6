import { useEffect, useState } from 'react'
import type { PullJob } from '../../../../shared/domain/pull.ts'
import { api } from '../../ipc/client.ts'
import { useInvoke } from '../../ipc/hooks.ts'

/** Every pull main knows about, live; pulls outlive this screen and window reloads. */
export function usePulls(onFinished: () => void): { pulls: PullJob[]; dismiss(model: string): void } {
  const initial = useInvoke('models:pulls', {})
  const [live, setLive] = useState<Record<string, PullJob>>({})
  useEffect(
    () =>
      api.on('models:pullProgress', (job) => {
        setLive((all) => ({ ...all, [job.model]: job }))
        if (job.state === 'done') onFinished()
      }),
    [onFinished],
  )
  const merged = new Map<string, PullJob>()
  for (const job of initial.data ?? []) merged.set(job.model, job)
  for (const job of Object.values(live)) merged.set(job.model, job)
  const dismiss = (model: string): void => {
    void api.invoke('models:pullDismiss', { model }).then(() => {
      setLive(({ [model]: _gone, ...rest }) => rest)
      initial.reload()
    })
  }
  return { pulls: [...merged.values()], dismiss }
}
