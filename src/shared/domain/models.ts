import { z } from 'zod'

export const InstalledModel = z.object({
  name: z.string(),
  sizeBytes: z.number(),
  modifiedAt: z.string(),
  family: z.string().optional(),
  parameterSize: z.string().optional(),
  quantization: z.string().optional(),
})
export type InstalledModel = z.infer<typeof InstalledModel>

/** The model the app is built around; every workflow defaults to it. */
export const DEFAULT_MODEL = 'qwen2.5:7b-instruct'
