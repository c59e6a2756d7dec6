import { z } from 'zod'
import { AppInfo } from '../domain/appInfo.ts'
import { ClaudeModel } from '../domain/claude.ts'
import {
  JsonBatchEvent,
  JsonBatchOutcome,
  JsonBatchRun,
  JsonGenerateOutcome,
  JsonGenerateRun,
  JsonRepairRun,
  JsonRunEvent,
  SavedSchema,
  SchemaCheck,
  SchemaDraft,
} from '../domain/jsonJobs.ts'
import { JsonSchemaObject, RepairResult } from '../domain/jsonRepair.ts'
import {
  StoredSummary,
  SummarizeEvent,
  SummarizeOutcome,
  SummarizeRequest,
  SummaryListItem,
  UploadChunk,
  UploadStart,
} from '../domain/summaryJobs.ts'
import { ChatEvent, ChatMessage, ChatOptions, ChatRequest, ChatResult } from '../domain/chat.ts'
import { ChatReplyAction, ChatReplyEvent, ImageAttachment, MAX_IMAGES } from '../domain/chatReply.ts'
import { Conversation, ConversationSummary, SearchHit, StoredMessage } from '../domain/conversation.ts'
import { LoadedModel, ModelDetails, ModelName, ModelRequest, ModelSummary } from '../domain/models.ts'
import { InstallJob } from '../domain/install.ts'
import { OllamaStatus } from '../domain/ollamaStatus.ts'
import { OpenedFiles } from '../domain/openedFiles.ts'
import {
  ImportCounts,
  PresetDraft,
  PromptId,
  PromptLibraryFile,
  PromptLibraryList,
  PromptTemplate,
  SystemPreset,
  TemplateDraft,
} from '../domain/prompts.ts'
import { PullJob } from '../domain/pull.ts'
import { SecretName, SecretsStatus, Settings, SettingsPatchRequest, SettingsStatus } from '../domain/settings.ts'

const NoArgs = z.object({}).strict()
const Id = z.string().min(1).max(100)
const ById = z.object({ id: Id }).strict()
const ConversationPatch = z
  .object({
    id: Id,
    title: z.string().trim().min(1).max(200).optional(),
    model: ModelName.optional(),
    systemPrompt: z.string().max(100_000).optional(),
    options: ChatOptions.optional(),
    pinned: z.boolean().optional(),
    activeLeafId: Id.nullable().optional(),
  })
  .strict()

/** Request/response calls: one answer per request. */
export const invokeChannels = {
  'app:info': { request: NoArgs, response: AppInfo },
  /** A plain-text report for bug reports: versions, Ollama, settings, which secrets are set (no values), recent problems. */
  'app:diagnostics': { request: NoArgs, response: z.object({ text: z.string() }) },
  'ollama:status': { request: NoArgs, response: OllamaStatus },
  'ollama:recheck': { request: NoArgs, response: OllamaStatus },
  'ollama:retry': { request: NoArgs, response: OllamaStatus },
  'ollama:usePort': { request: z.object({ port: z.number().int().min(1024).max(65535) }).strict(), response: OllamaStatus },
  'ollama:install': { request: NoArgs, response: InstallJob },
  'ollama:installCancel': { request: NoArgs, response: z.boolean() },
  'ollama:installState': { request: NoArgs, response: InstallJob },
  'models:list': { request: NoArgs, response: z.array(ModelSummary) },
  'models:show': { request: ModelRequest, response: ModelDetails },
  'models:loaded': { request: NoArgs, response: z.array(LoadedModel) },
  'models:delete': { request: ModelRequest, response: z.boolean() },
  'models:pull': { request: ModelRequest, response: PullJob },
  'models:pullPause': { request: ModelRequest, response: z.boolean() },
  'models:pullResume': { request: ModelRequest, response: PullJob.nullable() },
  'models:pullCancel': { request: ModelRequest, response: z.boolean() },
  'models:pullDismiss': { request: ModelRequest, response: z.boolean() },
  'models:pulls': { request: NoArgs, response: z.array(PullJob) },
  'settings:get': { request: NoArgs, response: Settings },
  'settings:update': { request: SettingsPatchRequest, response: Settings },
  'settings:status': { request: NoArgs, response: SettingsStatus },
  /** The user has read that the settings file was recovered: the notice is not shown again. */
  'settings:dismissNotice': { request: NoArgs, response: SettingsStatus },
  /** Every setting as a JSON file to keep (no secrets in it). */
  'settings:export': { request: NoArgs, response: z.object({ fileName: z.string(), text: z.string() }) },
  /** What importing a file would make the settings, checked as an import is, without applying anything. */
  'settings:checkImport': { request: z.object({ text: z.string().max(1_000_000) }).strict(), response: Settings },
  /** A file's text (an export or a copy of settings.json): all of it replaces the settings, or nothing does. */
  'settings:import': { request: z.object({ text: z.string().max(1_000_000) }).strict(), response: Settings },
  /** Every setting to its default; keys and tokens stay. */
  'settings:reset': { request: NoArgs, response: Settings },
  /** Opens the data folder in the system's file manager, where the host can (the desktop app). */
  'settings:openDataFolder': { request: NoArgs, response: z.boolean() },
  'conversations:list': { request: NoArgs, response: z.array(ConversationSummary) },
  'conversations:get': { request: ById, response: Conversation },
  'conversations:create': {
    request: z.object({ model: ModelName, systemPrompt: z.string().max(100_000).optional(), options: ChatOptions.optional() }).strict(),
    response: Conversation,
  },
  'conversations:update': { request: ConversationPatch, response: Conversation },
  'conversations:delete': { request: ById, response: z.boolean() },
  'conversations:restore': { request: ById, response: Conversation },
  'conversations:search': { request: z.object({ query: z.string().max(500) }).strict(), response: z.array(SearchHit) },
  'conversations:export': {
    request: z.object({ id: Id, format: z.enum(['markdown', 'json']) }).strict(),
    response: z.object({ fileName: z.string(), text: z.string() }),
  },
  'conversations:import': { request: z.object({ text: z.string().max(50_000_000) }).strict(), response: Conversation },
  'messages:delete': { request: z.object({ conversationId: Id, id: Id }).strict(), response: Conversation },
  /** Undo of `messages:delete`: the last message deleted in that conversation, with its replies. */
  'messages:restore': { request: z.object({ conversationId: Id, id: Id }).strict(), response: Conversation },
  'messages:image': {
    request: z
      .object({
        id: Id,
        index: z
          .number()
          .int()
          .min(0)
          .max(MAX_IMAGES - 1),
      })
      .strict(),
    response: ImageAttachment,
  },
  'tokens:count': {
    request: z.object({ model: ModelName, messages: z.array(ChatMessage).max(10_000) }).strict(),
    response: z.object({ tokens: z.number().int(), exact: z.boolean() }),
  },
  'prompts:list': { request: NoArgs, response: PromptLibraryList },
  'prompts:savePreset': { request: PresetDraft, response: SystemPreset },
  'prompts:deletePreset': { request: z.object({ id: PromptId }).strict(), response: z.boolean() },
  'prompts:saveTemplate': { request: TemplateDraft, response: PromptTemplate },
  'prompts:deleteTemplate': { request: z.object({ id: PromptId }).strict(), response: z.boolean() },
  'prompts:import': { request: z.object({ json: z.string().max(5_000_000) }).strict(), response: ImportCounts },
  'prompts:export': { request: NoArgs, response: PromptLibraryFile },
  'claude:models': { request: NoArgs, response: z.array(ClaudeModel) },
  // JSON repair: schema checks and the user's schema library (the runs are streams below).
  'json:checkSchema': { request: z.object({ schema: JsonSchemaObject }).strict(), response: SchemaCheck },
  'json:inferSchema': { request: z.object({ json: z.string().max(5_000_000) }).strict(), response: JsonSchemaObject },
  'schemas:list': { request: NoArgs, response: z.array(SavedSchema) },
  'schemas:save': { request: SchemaDraft, response: SavedSchema },
  'schemas:delete': { request: ById, response: z.boolean() },
  // Documents: uploaded as bytes in pieces, summarized as a batch (stream below), kept in history.
  'uploads:start': { request: UploadStart, response: z.object({ id: Id }) },
  'uploads:chunk': { request: UploadChunk, response: z.object({ received: z.number().int() }) },
  'uploads:discard': { request: ById, response: z.boolean() },
  'summaries:list': { request: z.object({ query: z.string().max(500).optional() }).strict(), response: z.array(SummaryListItem) },
  'summaries:get': { request: ById, response: StoredSummary },
  'summaries:delete': { request: ById, response: z.boolean() },
  'summaries:export': { request: ById, response: z.object({ fileName: z.string(), text: z.string() }) },
  /** A new chat that starts from the summary as context; answers its id. */
  'summaries:toChat': { request: ById, response: z.object({ conversationId: z.string() }) },
  /** Files the OS opened with the app that no window has taken yet (also those opened before any window was ready). */
  'files:takeOpened': { request: NoArgs, response: OpenedFiles },
  'secrets:status': { request: NoArgs, response: SecretsStatus },
  'secrets:set': {
    request: z
      .object({
        name: SecretName,
        value: z
          .string()
          .trim()
          .min(1)
          .max(4_000)
          .regex(/^[^\r\n]*$/),
      })
      .strict(),
    response: SecretsStatus,
  },
  'secrets:clear': { request: z.object({ name: SecretName }).strict(), response: SecretsStatus },
} as const

/** Long calls: events while running (batched per frame), one final answer, cancellable. */
export const streamChannels = {
  'chat:send': { request: ChatRequest, event: ChatEvent, response: ChatResult },
  'chat:reply': { request: ChatReplyAction, event: ChatReplyEvent, response: StoredMessage },
  'summarize:run': { request: SummarizeRequest, event: SummarizeEvent, response: SummarizeOutcome },
  'json:repair': { request: JsonRepairRun, event: JsonRunEvent, response: RepairResult },
  'json:generate': { request: JsonGenerateRun, event: JsonRunEvent, response: JsonGenerateOutcome },
  'json:batch': { request: JsonBatchRun, event: JsonBatchEvent, response: JsonBatchOutcome },
} as const

/** Pushed from main to every window, whoever asked. */
export const eventChannels = {
  'ollama:status': OllamaStatus,
  'models:pullProgress': PullJob,
  'ollama:installState': InstallJob,
  /** The OS opened files with the app; a window takes them with `files:takeOpened`. */
  'files:opened': OpenedFiles,
  /** Settings changed (from any window): the theme and language follow at once. */
  'settings:changed': Settings,
} as const

export type InvokeChannel = keyof typeof invokeChannels
export type StreamChannel = keyof typeof streamChannels
export type EventChannel = keyof typeof eventChannels

export type InvokeRequest<C extends InvokeChannel> = z.input<(typeof invokeChannels)[C]['request']>
export type InvokeResponse<C extends InvokeChannel> = z.output<(typeof invokeChannels)[C]['response']>
export type StreamRequest<C extends StreamChannel> = z.input<(typeof streamChannels)[C]['request']>
export type StreamEvent<C extends StreamChannel> = z.output<(typeof streamChannels)[C]['event']>
export type StreamResponse<C extends StreamChannel> = z.output<(typeof streamChannels)[C]['response']>
export type EventPayload<C extends EventChannel> = z.output<(typeof eventChannels)[C]>

export function isInvokeChannel(name: unknown): name is InvokeChannel {
  return typeof name === 'string' && Object.hasOwn(invokeChannels, name)
}
export function isStreamChannel(name: unknown): name is StreamChannel {
  return typeof name === 'string' && Object.hasOwn(streamChannels, name)
}
