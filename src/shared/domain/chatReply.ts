import { z } from 'zod'
import { ImageMime, StoredMessage } from './conversation.ts'

const Id = z.string().min(1).max(100)
const Text = z.string().trim().min(1).max(2_000_000)

/** At most this many images per message, each at most this large (the screen scales bigger ones down first). */
export const MAX_IMAGES = 4
export const MAX_IMAGE_BYTES = 3 * 1024 * 1024

/** An image as it travels with a message: base64, the way Ollama takes it. */
export const ImageAttachment = z
  .object({
    mime: ImageMime,
    data: z
      .string()
      .max(Math.ceil(MAX_IMAGE_BYTES / 3) * 4)
      .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'must be base64'),
  })
  .strict()
export type ImageAttachment = z.infer<typeof ImageAttachment>

/**
 * What the user asked for in a stored conversation: a new message, an edited one (a new branch),
 * another answer to the same message (a sibling reply), or more of an interrupted reply.
 */
export const ChatReplyAction = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('send'),
      conversationId: Id,
      text: Text,
      /** Few-shot examples from a template: stored and sent as real user/assistant pairs before the message. */
      examples: z
        .array(z.object({ user: z.string().min(1).max(100_000), assistant: z.string().min(1).max(100_000) }).strict())
        .max(20)
        .optional(),
      images: z.array(ImageAttachment).min(1).max(MAX_IMAGES).optional(),
      /**
       * Ids the window chose for the message and its reply, so it can draw both before main has
       * stored them; main stores them under these ids (new ones, or the request is refused).
       */
      ids: z.object({ user: z.uuid(), reply: z.uuid() }).strict().optional(),
    })
    .strict(),
  z.object({ kind: z.literal('edit'), conversationId: Id, messageId: Id, text: Text }).strict(),
  z.object({ kind: z.literal('regenerate'), conversationId: Id, messageId: Id }).strict(),
  z.object({ kind: z.literal('continue'), conversationId: Id, messageId: Id }).strict(),
])
export type ChatReplyAction = z.infer<typeof ChatReplyAction>

/** First the stored messages the reply created (the user's, the reply's placeholder), then its text as it arrives, and any waiting notes. */
export const ChatReplyEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('message'), message: StoredMessage }),
  z.object({ type: z.literal('token'), text: z.string() }),
  /** A thinking model's reasoning, as it arrives before the answer. */
  z.object({ type: z.literal('thinking'), text: z.string() }),
  /** Something to tell the user while the reply waits, e.g. that Ollama's queue is full. */
  z.object({ type: z.literal('status'), text: z.string() }),
])
export type ChatReplyEvent = z.infer<typeof ChatReplyEvent>
