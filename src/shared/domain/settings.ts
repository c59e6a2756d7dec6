import { z } from 'zod'
import { DEFAULT_MODEL } from './models.ts'

export const Settings = z.object({
  ollamaHost: z.string().max(500).default(''),
  defaultModel: z.string().min(1).max(200).default(DEFAULT_MODEL),
})
export type Settings = z.infer<typeof Settings>

export const SettingsPatch = Settings.partial()
export type SettingsPatch = z.infer<typeof SettingsPatch>
