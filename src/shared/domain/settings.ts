import { z } from 'zod'
import { ChatOptions, DEFAULT_NUM_CTX } from './chat.ts'
import { DEFAULT_MODEL } from './models.ts'
import { SummaryLength } from './summary.ts'

/** Ollama's keep-alive: a duration such as `5m`, `30s`, `1h`, `0` (unload at once) or `-1` (keep loaded). */
const DURATION = /^-1$|^0$|^\d+(\.\d+)?(ms|s|m|h)$/
const DURATION_HELP = 'use a duration such as 5m, 30s or 1h; 0 unloads at once, -1 keeps the model loaded'
/** The server's keep-alive, where empty leaves Ollama's own default. */
const KeepAlive = z
  .string()
  .trim()
  .refine((text) => text === '' || DURATION.test(text), DURATION_HELP)

/** HTTP header names as RFC 9110 allows them; values without line breaks. */
const HeaderName = z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'not a valid header name')
const HeaderValue = z
  .string()
  .max(4_000)
  .regex(/^[^\r\n]*$/, 'must be on one line')

/** `system` follows the OS's light or dark preference. */
export const Theme = z.enum(['system', 'light', 'dark'])
export type Theme = z.infer<typeof Theme>

/** The interface languages with a complete catalog; `system` takes the OS language when it is one of them, else English. */
export const UI_LANGUAGES = [{ code: 'en', name: 'English' }] as const
export const Language = z.enum(['system', ...UI_LANGUAGES.map((l) => l.code)])
export type Language = z.infer<typeof Language>

/** The Ollama options a new chat starts with (each chat can change its own); unset ones are the model's defaults. */
export const ChatDefaults = ChatOptions.pick({ temperature: true, top_p: true, seed: true, num_ctx: true, num_predict: true }).extend({
  keep_alive: z.string().trim().regex(DURATION, DURATION_HELP).optional(),
})
export type ChatDefaults = z.infer<typeof ChatDefaults>

export const Settings = z.object({
  theme: Theme.default('system'),
  language: Language.default('system'),
  ollamaHost: z.string().max(500).default(''),
  defaultModel: z.string().min(1).max(200).default(DEFAULT_MODEL),
  chatDefaults: ChatDefaults.default({}),
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
  /** The language a new summary job asks for ("French"); empty keeps each document's own. */
  summaryLanguage: z.string().trim().max(60).default(''),
  /** JSON repair: local model calls at most per input, and the time budget of the steps without a model. */
  jsonAttempts: z.number().int().min(1).max(5).default(2),
  jsonTimeLimitSeconds: z.number().int().min(1).max(600).default(10),
  /** The deepest nesting of objects and arrays a JSON input, schema or result may have. */
  jsonMaxDepth: z.number().int().min(16).max(10_000).default(512),
  /** The Claude model for the optional JSON steps; empty until the user picks one from the live list. */
  claudeModel: z.string().max(200).default(''),
})
export type Settings = z.infer<typeof Settings>
export type SettingKey = keyof Settings

/** A change: the fields given replace the stored ones (`chatDefaults` and `ollamaHeaders` as a whole). */
export const SettingsPatch = Settings.partial()
export type SettingsPatch = z.infer<typeof SettingsPatch>

/** The options a new chat starts with: the settings' defaults, and always a context window (Ollama's own is too small). */
export function newChatOptions(settings: Pick<Settings, 'chatDefaults'>): ChatOptions {
  return { num_ctx: DEFAULT_NUM_CTX, ...settings.chatDefaults }
}

/**
 * What `settings:update` accepts on the wire: the right fields and types only. The rules (valid
 * durations, header names…) are checked by the store, which can answer field by field.
 */
export const SettingsPatchRequest = z
  .object({
    theme: Theme,
    language: Language,
    ollamaHost: z.string().max(500),
    defaultModel: z.string().max(200),
    chatDefaults: z
      .object({
        temperature: z.number(),
        top_p: z.number(),
        seed: z.number(),
        num_ctx: z.number(),
        num_predict: z.number(),
        keep_alive: z.string().max(100),
      })
      .partial()
      .strict(),
    manageOllama: z.boolean(),
    ollamaExecutable: z.string().max(1_000),
    modelsDir: z.string().max(1_000),
    keepAlive: z.string().max(100),
    contextLength: z.number(),
    maxDocumentMb: z.number(),
    summaryLength: SummaryLength,
    summaryLanguage: z.string().max(200),
    jsonAttempts: z.number(),
    jsonTimeLimitSeconds: z.number(),
    jsonMaxDepth: z.number(),
    claudeModel: z.string().max(200),
    ollamaHeaders: z.record(z.string().max(200), z.string().max(4_000)),
  })
  .partial()
  .strict()

/** Where the settings live and what happened to their file; `canOpenFolder` is the host's (the desktop app can, a browser cannot). */
export const SettingsStatus = z.object({
  dataDir: z.string(),
  file: z.string(),
  /** The settings file layout this version writes. */
  version: z.number().int(),
  /** The file could not be read as it was: the original was kept under `backup` (a name in the data folder); `fields` were reset (none: all of it). */
  recovered: z.object({ backup: z.string(), fields: z.array(z.string()) }).nullable(),
  /** The file was written by a newer version: it is left as it is and nothing is saved until settings are reset or imported. */
  newerFile: z.object({ version: z.number().int() }).nullable(),
  /** The file exists but could not be opened (permissions, a folder in its place): defaults are used and nothing is saved over it. */
  unopenedFile: z.object({ reason: z.string() }).nullable(),
  canOpenFolder: z.boolean(),
})
export type SettingsStatus = z.infer<typeof SettingsStatus>

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
