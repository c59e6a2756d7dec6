import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { DEFAULT_REPAIR_ATTEMPTS, DEFAULT_REPAIR_MODEL, type RepairOptions } from '../../../../shared/domain/jsonRepair.ts'
import type { ModelSummary } from '../../../../shared/domain/models.ts'
import type { SecretsStatus, Settings } from '../../../../shared/domain/settings.ts'
import { useInvoke, type Query } from '../../ipc/hooks.ts'

export interface RepairChoices {
  useModel: boolean
  /** Empty until the models are listed. */
  model: string
  attempts: number
  claudeLast: boolean
}

export interface RepairSetup {
  settings: Query<Settings>
  models: Query<ModelSummary[]>
  choices: RepairChoices
  change(patch: Partial<RepairChoices>): void
  /** Why Claude cannot run, or undefined when it can (a key and a chosen model). */
  claudeBlocked: string | undefined
  claudeKey: boolean
  /** Options for a run, as the contract takes them. */
  options: RepairOptions
  /** "Let Claude try last" is on and possible. */
  claude: boolean
}

export function hasClaudeKey(secrets: SecretsStatus | undefined): boolean {
  return secrets?.anthropicKey === true || secrets?.anthropicKeyFromEnvironment === true
}

/** The repair's model: the one the pipeline is tuned for when installed, else the chat default, else any. */
function preferredModel(models: ModelSummary[], settings: Settings | undefined): string {
  const names = models.map((m) => m.name)
  return [DEFAULT_REPAIR_MODEL, settings?.defaultModel].find((name) => name !== undefined && names.includes(name)) ?? names[0] ?? ''
}

/**
 * What a run may use: the local model (which, how many tries) and Claude. The user's choices start
 * from Settings and the installed models, and stay on this screen.
 */
export function useRepairSetup(): RepairSetup {
  const { t } = useTranslation('json')
  const settings = useInvoke('settings:get', {})
  const secrets = useInvoke('secrets:status', {})
  const models = useInvoke('models:list', {})
  const [own, setOwn] = useState<Partial<RepairChoices>>({})
  const choices: RepairChoices = {
    useModel: own.useModel ?? true,
    model: own.model ?? preferredModel(models.data ?? [], settings.data),
    attempts: own.attempts ?? settings.data?.jsonAttempts ?? DEFAULT_REPAIR_ATTEMPTS,
    claudeLast: own.claudeLast ?? false,
  }
  const claudeKey = hasClaudeKey(secrets.data)
  const claudeBlocked = !claudeKey ? t('claude.needsKey') : !settings.data?.claudeModel ? t('claude.needsModel') : undefined
  const limits = settings.data ? { limits: { timeMs: settings.data.jsonTimeLimitSeconds * 1000 } } : {}
  const options: RepairOptions = choices.useModel
    ? { attempts: choices.attempts, ...(choices.model ? { model: choices.model } : {}), ...limits }
    : { noModel: true, ...limits }
  return {
    settings,
    models,
    choices,
    change: (patch) => setOwn((o) => ({ ...o, ...patch })),
    claudeBlocked,
    claudeKey,
    options,
    claude: choices.claudeLast && claudeBlocked === undefined,
  }
}
