import { parentPort } from 'node:worker_threads'
import { toErrorInfo } from '../../shared/ipc/errors.ts'
import type { TaskReply, TaskRequest } from './taskProtocol.ts'

export type TaskTable = Record<string, (input: never) => unknown>

/** The worker side: answers each request with the task's value or its error as the app explains errors. */
export function serveTasks(tasks: TaskTable): void {
  const port = parentPort
  if (!port) throw new Error('serveTasks runs inside a worker thread')
  port.on('message', async (request: TaskRequest) => {
    let reply: TaskReply
    try {
      const task = tasks[request.task]
      if (!task) throw new Error(`No task named ${request.task}`)
      reply = { id: request.id, ok: true, value: await task(request.input as never) }
    } catch (error) {
      reply = { id: request.id, ok: false, error: toErrorInfo(error) }
    }
    port.postMessage(reply)
  })
}
