import { modelKind, type ModelDetails, type ModelSummary } from '../../shared/domain/models.ts'
import type { OllamaClient } from './OllamaClient.ts'

/**
 * The installed list with what only `/api/show` knows (context length, capabilities, base or
 * instruct). Details are cached per name and digest: a model's metadata changes only when it is
 * pulled again, and the real server reads the model file to answer.
 */
export class ModelSummaries {
  private readonly cache = new Map<string, Promise<ModelDetails | undefined>>()

  async list(client: OllamaClient, signal?: AbortSignal): Promise<ModelSummary[]> {
    const installed = await client.listModels(signal)
    const keys = new Set<string>()
    const summaries = await Promise.all(
      installed.map(async (model) => {
        const key = `${client.host} ${model.name} ${model.digest ?? ''}`
        keys.add(key)
        const shown = await this.lookUp(client, model.name, key, signal)
        return {
          ...model,
          contextLength: shown?.contextLength,
          capabilities: shown?.capabilities,
          kind: shown?.kind ?? modelKind(model.name),
        }
      }),
    )
    for (const key of this.cache.keys()) if (key.startsWith(`${client.host} `) && !keys.has(key)) this.cache.delete(key)
    return summaries
  }

  /** One model's details, from the cache the list fills when it has them (a chat needs its window and capabilities). */
  details(client: OllamaClient, model: string): Promise<ModelDetails | undefined> {
    const prefix = `${client.host} ${model} `
    for (const [key, details] of this.cache) if (key.startsWith(prefix)) return details
    return this.lookUp(client, model, prefix)
  }

  private lookUp(client: OllamaClient, model: string, key: string, signal?: AbortSignal): Promise<ModelDetails | undefined> {
    let details = this.cache.get(key)
    if (!details) {
      // A failed lookup is not cached, so the next call asks again.
      details = client.show(model, signal).catch(() => {
        this.cache.delete(key)
        return undefined
      })
      this.cache.set(key, details)
    }
    return details
  }
}
