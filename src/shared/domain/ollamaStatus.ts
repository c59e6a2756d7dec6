import { z } from 'zod'
import { ErrorInfo } from '../ipc/errors.ts'

/**
 * What the status area shows. `not-running` means an executable exists but nothing answers (and
 * the app is not managing the server); `not-installed` means we could not find one either;
 * `unreachable` is a remote host we do not supervise. `starting`, `restarting` and `failed`
 * describe a server the app itself runs.
 */
export const OllamaStatus = z.discriminatedUnion('state', [
  z.object({ state: z.literal('checking'), host: z.string() }),
  /** `managed`: the app started this server and will stop it on quit. */
  z.object({ state: z.literal('running'), host: z.string(), version: z.string(), managed: z.boolean().optional() }),
  z.object({ state: z.literal('not-running'), host: z.string(), executable: z.string() }),
  /** `instruction`: how to install it on this OS. */
  z.object({ state: z.literal('not-installed'), host: z.string(), instruction: z.string().optional() }),
  z.object({ state: z.literal('unreachable'), host: z.string(), reason: z.string() }),
  z.object({ state: z.literal('starting'), host: z.string(), executable: z.string() }),
  z.object({ state: z.literal('restarting'), host: z.string(), attempt: z.number().int(), delayMs: z.number(), lastExit: z.string() }),
  /** The app gave up starting or restarting it; the log's last lines say why. */
  z.object({
    state: z.literal('failed'),
    host: z.string(),
    error: ErrorInfo,
    logTail: z.array(z.string()),
    suggestedPort: z.number().int().optional(),
  }),
])
export type OllamaStatus = z.infer<typeof OllamaStatus>
