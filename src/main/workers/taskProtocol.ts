import type { ErrorInfo } from '../../shared/ipc/errors.ts'

export interface TaskRequest {
  id: number
  task: string
  input: unknown
}

export type TaskReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: ErrorInfo }
