import { z } from 'zod'

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  host: z.enum(['electron', 'web', 'cli']),
  platform: z.string(),
  nodeVersion: z.string(),
  dataDir: z.string(),
})
export type AppInfo = z.infer<typeof AppInfo>
