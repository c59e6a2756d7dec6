import { useEffect, useState } from 'react'
import type { Settings } from '../../../../shared/domain/settings.ts'
import { api } from '../../ipc/client.ts'
import { useInvoke } from '../../ipc/hooks.ts'

/** The settings as they are now, kept current by the change event every window receives. */
export function useLiveSettings(): Settings | undefined {
  const initial = useInvoke('settings:get', {})
  const [live, setLive] = useState<{ settings: Settings; at: number }>()
  useEffect(() => api.on('settings:changed', (settings) => setLive({ settings, at: Date.now() })), [])
  return live && live.at >= initial.receivedAt ? live.settings : initial.data
}
