import { z } from 'zod'

export const InstalledModel = z.object({
  name: z.string(),
  /** Changes when the model is pulled again with new content; names sharing it are one model. */
  digest: z.string().optional(),
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

/** Whether a model follows instructions in a chat template or just continues text. */
export const ModelKind = z.enum(['instruct', 'base', 'unknown'])
export type ModelKind = z.infer<typeof ModelKind>

/** What `/api/show` says about a model, reduced to what the app uses. */
export const ModelDetails = z.object({
  name: z.string(),
  family: z.string().optional(),
  parameterSize: z.string().optional(),
  quantization: z.string().optional(),
  /** The model's own window, from `<arch>.context_length`; num_ctx may be set up to this. */
  contextLength: z.number().int().positive().optional(),
  capabilities: z.array(z.string()),
  kind: ModelKind,
  template: z.string(),
  /** The Modelfile PARAMETER lines, e.g. `stop "<|im_end|>"`; empty when the model has none. */
  parameters: z.string(),
  license: z.string().optional(),
})
export type ModelDetails = z.infer<typeof ModelDetails>

/** A model held in memory right now (`/api/ps`). */
export const LoadedModel = z.object({
  name: z.string(),
  sizeBytes: z.number(),
  /** Of sizeBytes, how much sits in GPU memory; 0 on a CPU-only machine. */
  vramBytes: z.number(),
  /** When Ollama will unload it unless it is used again. */
  expiresAt: z.string().optional(),
  contextLength: z.number().optional(),
})
export type LoadedModel = z.infer<typeof LoadedModel>

/** Installed model plus the details the Models screen shows; details are missing when `/api/show` failed. */
export const ModelSummary = InstalledModel.extend({
  contextLength: z.number().optional(),
  kind: ModelKind,
  capabilities: z.array(z.string()).optional(),
})
export type ModelSummary = z.infer<typeof ModelSummary>

/**
 * Tells base and instruct variants apart: a name that says so wins; otherwise a template that
 * lays out chat turns means the model was tuned to follow them, and one that only passes the
 * prompt through means plain continuation.
 */
export function modelKind(name: string, template?: string): ModelKind {
  const tag = name.split(':')[1] ?? ''
  if (/(^|-)(instruct|chat|it)(-|$)/i.test(tag)) return 'instruct'
  if (/(^|-)(text|base)(-|$)/i.test(tag)) return 'base'
  if (template === undefined) return 'unknown'
  if (/\.Messages|\.System|<\|im_start\|>|\[INST\]|<start_of_turn>|<\|start_header_id\|>/.test(template)) return 'instruct'
  return template.trim() === '{{ .Prompt }}' ? 'base' : 'unknown'
}

export interface RecommendedModel {
  name: string
  /** Download size in bytes; the default model's is exact, the others are within a few MB. */
  sizeBytes: number
  kind: ModelKind
  why: string
}

/** A short list for people who do not know the tags; the default first. */
export const RECOMMENDED_MODELS: readonly RecommendedModel[] = [
  { name: DEFAULT_MODEL, sizeBytes: 4_683_087_332, kind: 'instruct', why: 'Best balance of quality and speed; needs about 8 GB of RAM.' },
  { name: 'qwen2.5:3b', sizeBytes: 1_929_912_432, kind: 'instruct', why: 'Faster and lighter; good for short tasks on 8 GB machines.' },
  { name: 'qwen2.5:1.5b', sizeBytes: 986_061_892, kind: 'instruct', why: 'Runs on modest laptops; simpler answers.' },
  { name: 'qwen2.5:0.5b', sizeBytes: 397_821_319, kind: 'instruct', why: 'Tiny and quick; for trying things out.' },
  {
    name: 'qwen2.5:7b-text',
    sizeBytes: 4_683_073_184,
    kind: 'base',
    why: 'The base model: continues text instead of following instructions. Useful to compare.',
  },
]
