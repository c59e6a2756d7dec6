import type { PromptLibraryStore } from '../../storage/PromptLibraryStore.ts'
import type { InvokeHandlers } from '../router.ts'

type PromptChannels =
  | 'prompts:list'
  | 'prompts:savePreset'
  | 'prompts:deletePreset'
  | 'prompts:saveTemplate'
  | 'prompts:deleteTemplate'
  | 'prompts:import'
  | 'prompts:export'

export function promptHandlers(store: PromptLibraryStore): Pick<InvokeHandlers, PromptChannels> {
  return {
    'prompts:list': () => store.list(),
    'prompts:savePreset': (draft) => store.savePreset(draft),
    'prompts:deletePreset': ({ id }) => store.deletePreset(id),
    'prompts:saveTemplate': (draft) => store.saveTemplate(draft),
    'prompts:deleteTemplate': ({ id }) => store.deleteTemplate(id),
    'prompts:import': ({ json }) => store.importLibrary(json),
    'prompts:export': () => store.exportLibrary(),
  }
}
