import { z } from 'zod'

/**
 * What the status area shows. `not-running` means an executable exists but nothing answers;
 * `not-installed` means we could not find one either; `unreachable` is a remote host we do not
 * supervise.
 */
export const OllamaStatus = z.discriminatedUnion('state', [
  z.object({ state: z.literal('checking'), host: z.string() }),
  z.object({ state: z.literal('running'), host: z.string(), version: z.string() }),
  z.object({ state: z.literal('not-running'), host: z.string(), executable: z.string() }),
  z.object({ state: z.literal('not-installed'), host: z.string() }),
  z.object({ state: z.literal('unreachable'), host: z.string(), reason: z.string() }),
])
export type OllamaStatus = z.infer<typeof OllamaStatus>
