import type { z } from 'zod'
import { Settings } from '../../shared/domain/settings.ts'
import { AppError } from '../../shared/ipc/errors.ts'
import { normalizeHost } from '../ollama/hostAddress.ts'
import type { SettingsContent } from './settingsMigrations.ts'

/** Settings whose own fields are named in errors (`chatDefaults.temperature`); a record's keys are named in the message instead. */
const GROUPS = new Set<PropertyKey>(['chatDefaults'])

export type FieldErrors = Record<string, string>

/** The settings, or a message per field that is wrong (the key of a group's field is `group.field`). */
export function checkSettings(candidate: SettingsContent): { settings: Settings } | { fields: FieldErrors } {
  const fields: FieldErrors = {}
  const host = candidate.ollamaHost
  if (typeof host === 'string' && host.trim() !== '') {
    try {
      normalizeHost(host)
    } catch (error) {
      fields.ollamaHost = error instanceof AppError ? error.message : String(error)
    }
  }
  const parsed = Settings.safeParse(candidate)
  for (const issue of parsed.error?.issues ?? []) {
    const nested = GROUPS.has(issue.path[0] ?? '') && issue.path.length > 1
    const key = (nested ? issue.path.slice(0, 2) : issue.path.slice(0, 1)).join('.')
    fields[key] ??= describeIssue(issue, nested ? 2 : 1)
  }
  return parsed.success && Object.keys(fields).length === 0 ? { settings: parsed.data } : { fields }
}

export function settingsInvalid(fields: FieldErrors): AppError {
  return new AppError({
    code: 'SETTINGS_INVALID',
    message: Object.entries(fields)
      .map(([field, text]) => `${field}: ${text}`)
      .join('; '),
    fields,
  })
}

/**
 * What can be kept of a stored file: each field on its own, the ones that are not valid replaced by
 * their defaults and named in `reset`. Keys this version does not know are returned apart, so they
 * can be written back untouched (a newer version's settings survive an older one).
 */
export function salvageSettings(content: SettingsContent): { settings: Settings; reset: string[]; unknown: SettingsContent } {
  const whole = Settings.safeParse(content)
  const unknown = Object.fromEntries(Object.entries(content).filter(([key]) => !Object.hasOwn(Settings.shape, key)))
  if (whole.success) return { settings: whole.data, reset: [], unknown }
  const kept: SettingsContent = {}
  const reset: string[] = []
  for (const [key, field] of Object.entries(Settings.shape)) {
    if (!Object.hasOwn(content, key)) continue
    const value = (field as z.ZodType).safeParse(content[key])
    if (value.success) kept[key] = value.data
    else reset.push(key)
  }
  return { settings: Settings.parse(kept), reset, unknown }
}

/** A record's bad key reports only "Invalid key in record"; the reason is one level down. */
function describeIssue(issue: z.core.$ZodIssue, depth: number): string {
  const key = issue.path.slice(depth).join('.')
  const inner = issue.code === 'invalid_key' ? issue.issues[0] : undefined
  return [key && `"${key}"`, plainMessage(inner ?? issue)].filter(Boolean).join(': ')
}

const TYPE_WORDS: Record<string, string> = {
  int: 'a whole number',
  number: 'a number',
  string: 'text',
  boolean: 'true or false',
  record: 'an object of names and values',
  object: 'an object',
}

/** zod's messages in the words the rest of the screen uses; our own rules already carry theirs. */
function plainMessage(issue: z.core.$ZodIssue): string {
  const count = (n: number | bigint) => n.toLocaleString('en-US')
  switch (issue.code) {
    case 'invalid_type':
      return `must be ${TYPE_WORDS[issue.expected] ?? issue.expected}`
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`
    case 'too_small':
      if (issue.origin === 'string')
        return Number(issue.minimum) <= 1 ? 'must not be empty' : `must be at least ${count(issue.minimum)} characters`
      return `must be at least ${count(issue.minimum)}`
    case 'too_big':
      return issue.origin === 'string' ? `must be at most ${count(issue.maximum)} characters` : `must be at most ${count(issue.maximum)}`
    default:
      return issue.message
  }
}
