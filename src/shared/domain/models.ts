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

/** A model tag as requests carry it, e.g. `qwen2.5:7b-instruct`. */
export const ModelName = z.string().trim().min(1).max(200)

/** A request that names one model. */
export const ModelRequest = z.object({ model: ModelName }).strict()

/** The model the app is built around; every workflow defaults to it. */
export const DEFAULT_MODEL = 'qwen2.5:7b-instruct'
