import { z } from 'zod'
import type { ClientFrame } from '../../shared/ipc/transport.ts'

const Id = z.number().int().nonnegative()

const ClientFrameSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('invoke'), id: Id, channel: z.string(), payload: z.unknown() }),
  z.object({ kind: z.literal('stream'), id: Id, channel: z.string(), payload: z.unknown() }),
  z.object({ kind: z.literal('cancel'), id: Id }),
])

export type ParsedFrame = { ok: true; frame: ClientFrame } | { ok: false; id: number | null; message: string }

/** Parses one socket message; a malformed one yields the id (if any) to answer with an error. */
export function parseClientFrame(text: string): ParsedFrame {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch {
    return { ok: false, id: null, message: 'The message was not valid JSON.' }
  }
  const parsed = ClientFrameSchema.safeParse(raw)
  if (parsed.success) return { ok: true, frame: parsed.data as ClientFrame }
  const id = Id.safeParse((raw as { id?: unknown } | null)?.id)
  return {
    ok: false,
    id: id.success ? id.data : null,
    message: `The message was not a valid request frame (${parsed.error.issues[0]?.message ?? 'unknown shape'}).`,
  }
}
