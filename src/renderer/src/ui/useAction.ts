import { useCallback, useState } from 'react'
import type { ErrorInfo } from '../../../shared/ipc/errors.ts'
import { errorInfoOf } from '../ipc/client.ts'

export interface Action {
  /** Runs the call; resolves true when it succeeded. A failure is kept in `error` for the screen to show, never thrown. */
  run(call: () => Promise<unknown>): Promise<boolean>
  busy: boolean
  error: ErrorInfo | undefined
}

/** A button's call to main with its busy state and its failure, so no click can fail silently. */
export function useAction(): Action {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ErrorInfo>()
  const run = useCallback(async (call: () => Promise<unknown>): Promise<boolean> => {
    setBusy(true)
    setError(undefined)
    try {
      await call()
      return true
    } catch (failure) {
      setError(errorInfoOf(failure))
      return false
    } finally {
      setBusy(false)
    }
  }, [])
  return { run, busy, error }
}
