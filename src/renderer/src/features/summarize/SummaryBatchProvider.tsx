import { createContext, useCallback, useContext, useMemo, useRef, type ReactNode } from 'react'
import { useSummaryBatch } from './useSummaryBatch.ts'

type StoredListener = (id: string, first: boolean) => void

type SummaryBatch = ReturnType<typeof useSummaryBatch> & {
  /** Hears of each summary the running batch stores; answers the unsubscribe. */
  onStored(listener: StoredListener): () => void
}

const SummaryBatchContext = createContext<SummaryBatch | undefined>(undefined)

/**
 * The Summarize screen's batch, held above the screens: a long batch goes on while the user looks
 * at another screen, and its files, statuses and Cancel are there when they come back.
 */
export function SummaryBatchProvider({ children }: { children: ReactNode }) {
  const listeners = useRef(new Set<StoredListener>())
  const notify = useCallback((id: string, first: boolean) => {
    for (const listener of listeners.current) listener(id, first)
  }, [])
  const { files, running, skipped, start, cancel, clear } = useSummaryBatch(notify)
  const onStored = useCallback((listener: StoredListener) => {
    listeners.current.add(listener)
    return () => void listeners.current.delete(listener)
  }, [])
  const value = useMemo(
    () => ({ files, running, skipped, start, cancel, clear, onStored }),
    [files, running, skipped, start, cancel, clear, onStored],
  )
  return <SummaryBatchContext value={value}>{children}</SummaryBatchContext>
}

export function useBatch(): SummaryBatch {
  const batch = useContext(SummaryBatchContext)
  if (!batch) throw new Error('useBatch needs a SummaryBatchProvider above it.')
  return batch
}
