import type { z } from 'zod'
import {
  invokeChannels,
  isInvokeChannel,
  isStreamChannel,
  streamChannels,
  type InvokeChannel,
  type InvokeResponse,
  type StreamChannel,
  type StreamEvent,
  type StreamResponse,
} from '../../shared/ipc/contract.ts'
import { toErrorInfo, type Envelope, type ErrorInfo } from '../../shared/ipc/errors.ts'
import { StreamPump } from './streamPump.ts'

export interface Sender {
  /** Origin of the frame or page that sent the request (e.g. `file://`, `http://127.0.0.1:5000`). */
  origin: string
}

export interface StreamContext<E> {
  signal: AbortSignal
  emit(event: E): void
}

type Req<S extends z.ZodType> = z.output<S>

export type InvokeHandlers = {
  [C in InvokeChannel]: (request: Req<(typeof invokeChannels)[C]['request']>, signal: AbortSignal) => Promise<InvokeResponse<C>>
}
export type StreamHandlers = {
  [C in StreamChannel]: (
    request: Req<(typeof streamChannels)[C]['request']>,
    context: StreamContext<StreamEvent<C>>,
  ) => Promise<StreamResponse<C>>
}

export interface Handlers {
  invoke: InvokeHandlers
  stream: StreamHandlers
}

export interface StreamSink {
  events(batch: unknown[]): void
  signal: AbortSignal
}

const fail = (error: ErrorInfo): Envelope<never> => ({ ok: false, error })

function badRequest(issues: z.core.$ZodIssue[]): Envelope<never> {
  const detail = issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : 'request'}: ${issue.message}`)
    .join('; ')
  return fail({ code: 'BAD_REQUEST', message: `The request was malformed — ${detail}.` })
}

function forbidden(sender: Sender): Envelope<never> {
  const origin = sender.origin.slice(0, 100) || 'an unknown origin'
  return fail({ code: 'FORBIDDEN_SENDER', message: `Requests from ${origin} are not accepted.` })
}

function unknownChannel(channel: unknown): Envelope<never> {
  const name = typeof channel === 'string' ? `"${channel.slice(0, 80)}"` : `a ${typeof channel}`
  return fail({ code: 'UNKNOWN_CHANNEL', message: `There is no channel named ${name}.` })
}

function checkResponse(schema: z.ZodType, value: unknown): Envelope<unknown> {
  const parsed = schema.safeParse(value)
  if (parsed.success) return { ok: true, data: parsed.data }
  return fail(toErrorInfo(new Error(`the answer did not match the contract (${parsed.error.issues[0]?.message})`)))
}

/**
 * The one place requests enter main: checks who is asking, validates the payload against the
 * contract, runs the handler and always answers with an envelope — it never throws.
 */
export class Router {
  private readonly handlers: Handlers
  private readonly isTrustedSender: (sender: Sender) => boolean

  constructor(handlers: Handlers, isTrustedSender: (sender: Sender) => boolean) {
    this.handlers = handlers
    this.isTrustedSender = isTrustedSender
  }

  async invoke(channel: unknown, payload: unknown, sender: Sender, signal = new AbortController().signal): Promise<Envelope<unknown>> {
    if (!this.isTrustedSender(sender)) return forbidden(sender)
    if (!isInvokeChannel(channel)) return unknownChannel(channel)
    const spec = invokeChannels[channel]
    const parsed = spec.request.safeParse(payload ?? {})
    if (!parsed.success) return badRequest(parsed.error.issues)
    try {
      const handler = this.handlers.invoke[channel] as (req: unknown, signal: AbortSignal) => Promise<unknown>
      return checkResponse(spec.response, await handler(parsed.data, signal))
    } catch (error) {
      return fail(toErrorInfo(error))
    }
  }

  async stream(channel: unknown, payload: unknown, sender: Sender, sink: StreamSink): Promise<Envelope<unknown>> {
    if (!this.isTrustedSender(sender)) return forbidden(sender)
    if (!isStreamChannel(channel)) return unknownChannel(channel)
    const spec = streamChannels[channel]
    const parsed = spec.request.safeParse(payload ?? {})
    if (!parsed.success) return badRequest(parsed.error.issues)
    const pump = new StreamPump<unknown>((batch) => sink.events(batch))
    try {
      const handler = this.handlers.stream[channel] as (req: unknown, ctx: StreamContext<unknown>) => Promise<unknown>
      const result = await handler(parsed.data, { signal: sink.signal, emit: (event) => pump.push(event) })
      pump.close()
      // A handler that answers after being stopped is handing back the work done so far (a batch's finished lines).
      return checkResponse(spec.response, result)
    } catch (error) {
      pump.close()
      return fail(sink.signal.aborted ? { code: 'CANCELLED', message: 'Stopped.' } : toErrorInfo(error))
    }
  }
}
