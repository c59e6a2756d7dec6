import type { FakeModel } from './fakeOllama.ts'

/**
 * The pull half of the fake: what `POST /api/pull` streams, layer by layer, with bytes that are
 * counted but never allocated, and the partial blobs the real server keeps between attempts.
 */
export interface FakeLayer {
  digest: string
  size: number
}

export interface PullableModel extends FakeModel {
  /** In the order the server pulls them: manifest layers, then the config blob. */
  layers: FakeLayer[]
}

/** `bytes` counts what this request downloads; blobs already on the fake's disk don't count. */
export type PullFault =
  | { kind: 'none' }
  | { kind: 'drop-after'; bytes: number }
  | { kind: 'error-line-after'; bytes: number; message: string }
  | { kind: 'stall-after'; bytes: number }
  /** An HTTP error before any line, e.g. 503 when the server's queue is full. */
  | { kind: 'reject'; status: number; message: string }

export interface PullPacing {
  /** Bytes each progress line advances; large values make a 4.7 GB pull take a few lines. */
  chunkBytes: number
  lineDelayMs: number
  /** Leave out each layer's final line, as the real server's 60 ms ticker usually does. */
  shortLayerEnd: boolean
  /** Silence after "verifying sha256 digest", while the real server hashes the blobs. */
  verifyMs: number
}

export interface PullLine {
  status: string
  digest?: string
  total?: number
  completed?: number
}

export type PullStep = { kind: 'line'; line: PullLine } | { kind: 'error'; message: string } | { kind: 'drop' } | { kind: 'stall' }

/** qwen2.5:7b(-instruct): model, system, template, license, then config — 4,683,087,332 bytes. */
export const QWEN_LAYERS: FakeLayer[] = [
  { digest: 'sha256:2bada8a7450677000f678be90653b85d364de7db25eb5ea54136ada5f3933730', size: 4_683_073_952 },
  { digest: 'sha256:66b9ea09bd5b7099cbb4fc820f31b575c0366fa439b08245566692c6784e281e', size: 68 },
  { digest: 'sha256:eb4402837c7829a690fa845de4d7f3fd842c2adee476d5341da8a46ea9255175', size: 1_482 },
  { digest: 'sha256:832dd9e00a68dd83b3c3fb9f5588dad7dcf337a0db50f7d9483f310cd292e92e', size: 11_343 },
  { digest: 'sha256:2f15b3218f0552c60647ce60ada83632d2c09755b16259b13e3e4458e9ae419d', size: 487 },
]

export const MANIFEST_NOT_FOUND = 'pull model manifest: file does not exist'

/** The fake's disk: how many bytes of each blob it holds, whole or partial. */
export class FakeBlobs {
  private readonly held = new Map<string, number>()

  bytes(digest: string): number {
    return this.held.get(digest) ?? 0
  }

  set(digest: string, bytes: number): void {
    this.held.set(digest, bytes)
  }

  delete(digest: string): void {
    this.held.delete(digest)
  }

  /** What `ollama serve` does at start unless OLLAMA_NOPRUNE is set: drops partial and unreferenced blobs. */
  prune(referenced: ReadonlySet<string>): void {
    for (const digest of this.held.keys()) if (!referenced.has(digest)) this.held.delete(digest)
  }
}

export interface PullRun {
  model: PullableModel | undefined
  blobs: FakeBlobs
  pacing: PullPacing
  fault: PullFault
  /** Called where the real server writes the manifest, i.e. when the model becomes listed. */
  onManifestWritten: () => void
  /** Layer bytes this request sends, as they are sent. */
  onBytes?: (bytes: number) => void
}

/** The steps of one pull request in the real server's order; the caller writes them to the wire. */
export async function* pullSteps(run: PullRun): AsyncGenerator<PullStep> {
  const { model, blobs, pacing, fault } = run
  const line = async function* (status: string, layer?: FakeLayer, completed = 0): AsyncGenerator<PullStep> {
    // Go's `omitempty`: digest and total only for layers, completed only once it is above 0.
    const body: PullLine = layer ? { status, digest: layer.digest, total: layer.size } : { status }
    if (layer && completed > 0) body.completed = completed
    yield { kind: 'line', line: body }
    await sleep(pacing.lineDelayMs)
  }

  yield* line('pulling manifest')
  if (!model) {
    yield { kind: 'error', message: MANIFEST_NOT_FOUND }
    return
  }

  let budget = 'bytes' in fault ? fault.bytes : Infinity
  for (const layer of model.layers) {
    const status = `pulling ${layer.digest.slice(7, 19)}`
    let completed = Math.min(blobs.bytes(layer.digest), layer.size)
    // A blob already on disk is reported once, whole; a partial one continues where it stopped.
    yield* line(status, layer, completed)
    while (completed < layer.size) {
      if (budget <= 0) {
        yield faultStep(fault)
        return
      }
      const step = Math.min(pacing.chunkBytes, layer.size - completed, budget)
      completed += step
      budget -= step
      blobs.set(layer.digest, completed)
      run.onBytes?.(step)
      if (!(pacing.shortLayerEnd && completed === layer.size)) yield* line(status, layer, completed)
    }
  }
  yield* line('verifying sha256 digest')
  await sleep(pacing.verifyMs)
  yield* line('writing manifest')
  run.onManifestWritten()
  yield* line('success')
}

function faultStep(fault: PullFault): PullStep {
  if (fault.kind === 'drop-after') return { kind: 'drop' }
  if (fault.kind === 'stall-after') return { kind: 'stall' }
  if (fault.kind === 'error-line-after') return { kind: 'error', message: fault.message }
  throw new Error(`faultStep called for ${fault.kind}, which never streams`)
}

/** Like the server's name parsing: a name without a tag means `:latest`. */
export function withTag(name: string): string {
  return name.includes(':') ? name : `${name}:latest`
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
