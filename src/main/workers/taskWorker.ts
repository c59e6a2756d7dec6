import { appTasks } from './appTasks.ts'
import { serveTasks } from './serveTasks.ts'

serveTasks(appTasks)
