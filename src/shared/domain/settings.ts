import { z } from 'zod'
import { DEFAULT_MODEL } from './models.ts'
import { SummaryLength } from './summary.ts'

/** Ollama's keep-alive: a duration such as `5m`, `30s`, `1h`, `0` (unload at once) or `-1` (keep loaded). */
const KeepAlive = z
  .string()
  .trim()
  .regex(/^$|^-1$|^0$|^\d+(\.\d+)?(ms|s|m|h)$/, 'use a duration such as 5m, 30s or 1h; 0 unloads at once, -1 keeps the model loaded')

/** HTTP header names as RFC 9110 allows them; values without line breaks. */
const HeaderName = z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'not a valid header name')
const HeaderValue = z
  .string()
  .max(4_000)
  .regex(/^[^\r\n]*$/, 'must be on one line')

export const Settings = z.object({
  ollamaHost: z.string().max(500).default(''),
  defaultModel: z.string().min(1).max(200).default(DEFAULT_MODEL),
  /** Start `ollama serve` when nothing answers on a local address, and restart it if it stops. */
  manageOllama: z.boolean().default(true),
  /** A specific `ollama` executable; empty means search PATH and the standard install locations. */
  ollamaExecutable: z.string().max(1_000).default(''),
  /** Where a server the app starts keeps its models (OLLAMA_MODELS); empty means Ollama's default. */
  modelsDir: z.string().max(1_000).default(''),
  keepAlive: KeepAlive.default(''),
  /** The server's default context window (OLLAMA_CONTEXT_LENGTH) for a server the app starts; 0 leaves Ollama's default. */
  contextLength: z
    .number()
    .int()
    .min(0)
    .max(1_048_576)
    .refine((n) => n === 0 || n >= 512, 'use 0 (Ollama decides) or at least 512')
    .default(0),
  /** Extra headers for every request to Ollama, e.g. for a proxy in front of a remote server. Tokens go in the secret store. */
  ollamaHeaders: z.record(HeaderName, HeaderValue).default({}),
  /** Documents larger than this are refused before any parsing (FILE_TOO_LARGE). */
  maxDocumentMb: z.number().int().min(1).max(2_048).default(200),
  /** The summary length a new job starts with. */
  summaryLength: SummaryLength.default('bullets'),
  /** JSON repair: local model calls at most per input, and the time budget of the steps without a model. */
  jsonAttempts: z.number().int().min(1).max(5).default(2),
  jsonTimeLimitSeconds: z.number().int().min(1).max(600).default(10),
  /** The Claude model for the optional JSON steps; empty until the user picks one from the live list. */
  claudeModel: z.string().max(200).default(''),
})
export type Settings = z.infer<typeof Settings>

export const SettingsPatch = Settings.partial()
export type SettingsPatch = z.infer<typeof SettingsPatch>

/**
 * What `settings:update` accepts on the wire: the right fields and types only. The rules (valid
 * durations, header names…) are checked by the store, which can answer field by field.
 */
export const SettingsPatchRequest = z
  .object({
    ollamaHost: z.string().max(500),
    defaultModel: z.string().max(200),
    manageOllama: z.boolean(),
    ollamaExecutable: z.string().max(1_000),
    modelsDir: z.string().max(1_000),
    keepAlive: z.string().max(100),
    contextLength: z.number(),
    maxDocumentMb: z.number(),
    summaryLength: SummaryLength,
    jsonAttempts: z.number(),
    jsonTimeLimitSeconds: z.number(),
    claudeModel: z.string().max(200),
    ollamaHeaders: z.record(z.string().max(200), z.string().max(4_000)),
  })
  .partial()
  .strict()

/** Secrets the app can hold; values never travel to the renderer, only whether one is set. */
export const SecretName = z.enum(['ollamaToken', 'anthropicKey'])
export type SecretName = z.infer<typeof SecretName>

export const SecretsStatus = z.object({
  ollamaToken: z.boolean(),
  anthropicKey: z.boolean(),
  /** ANTHROPIC_API_KEY is set where the app runs: used when no key is stored (the only source without a keychain). */
  anthropicKeyFromEnvironment: z.boolean(),
  /** False when no OS keychain is available (web preview, CLI): secrets then last only until the app stops. */
  persistent: z.boolean(),
})
export type SecretsStatus = z.infer<typeof SecretsStatus>
