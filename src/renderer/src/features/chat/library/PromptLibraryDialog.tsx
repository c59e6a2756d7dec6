import type { TFunction } from 'i18next'
import { useEffect, useId, useRef, useState, type ChangeEvent, type FormEvent, type RefObject } from 'react'
import { Trans, useTranslation } from 'react-i18next'
import { useModalDialog } from '../../../ui/useModalDialog.ts'
import {
  applyTemplate,
  fieldDefaults,
  fieldLabel,
  missingFields,
  missingFormatInstruction,
  PresetDraft,
  TemplateDraft,
  templateFields,
  templateParts,
  type ImportCounts,
  type OutputFormat,
  type PromptLibraryFile,
  type PromptLibraryList,
  type PromptTemplate,
  type SystemPreset,
} from '../../../../../shared/domain/prompts.ts'
import type { ErrorInfo } from '../../../../../shared/ipc/errors.ts'
import { errorInfoOf } from '../../../ipc/client.ts'
import { ErrorNotice } from '../../../ui/ErrorNotice.tsx'
import { saveFile } from '../../../ui/saveFile.ts'
import { useAction } from '../../../ui/useAction.ts'
import { Field } from '../../settings/Field.tsx'

/** What "Use" hands to the chat: a system prompt to set (when the item has one) and messages to add. */
export interface AppliedPrompt {
  /** Set when the preset or template brings its own system prompt; otherwise the conversation keeps its own. */
  systemPrompt?: string
  /** The few-shot pairs, then the filled prompt as the last user message; empty for a preset. */
  messages: { role: 'user' | 'assistant'; content: string }[]
}

/** The library's calls to main; the chat screen passes an adapter over `api.invoke('prompts:…')`. */
export interface PromptLibraryApi {
  list(): Promise<PromptLibraryList>
  savePreset(draft: PresetDraft): Promise<SystemPreset>
  deletePreset(id: string): Promise<boolean>
  saveTemplate(draft: TemplateDraft): Promise<PromptTemplate>
  deleteTemplate(id: string): Promise<boolean>
  /** The text of an export file; main validates it. */
  importLibrary(json: string): Promise<ImportCounts>
  exportLibrary(): Promise<PromptLibraryFile>
}

export interface PromptLibraryDialogProps {
  library: PromptLibraryApi
  onApply(applied: AppliedPrompt): void
  onClose(): void
  /** Pre-fills a template's `{{input}}` field, e.g. with what is already typed in the composer. */
  initialInput?: string
}

type Kind = 'preset' | 'template'
type Selection = { kind: Kind; id: string }

interface PresetForm {
  id?: string
  name: string
  text: string
}
interface TemplateForm {
  id?: string
  name: string
  description: string
  systemPrompt: string
  examples: { user: string; assistant: string }[]
  prompt: string
  outputFormat: OutputFormat | ''
  wordLimit: string
}
type Editing = { kind: 'preset'; form: PresetForm } | { kind: 'template'; form: TemplateForm }

const FORMAT_LABELS = {
  bullets: 'formats.bullets',
  table: 'formats.table',
  json: 'formats.json',
  words: 'formats.words',
  free: 'formats.free',
} as const satisfies Record<OutputFormat, string>

const EXPORT_FILE_NAME = 'instruct-desk-prompts.json'
/** Far above any real library; stops a wrong file (a video, a disk image) from being read into memory. */
const MAX_IMPORT_MB = 5
const MAX_IMPORT_BYTES = MAX_IMPORT_MB * 1_000_000
/** A template's fields as the editor's help writes them: literal text, not values for the catalog to fill in. */
const FIELD_SYNTAX = { inputField: '{{input}}', nameField: '{{name}}', defaultField: '{{name=default}}' }

type T = TFunction<'library'>

function itemsText(presets: number, templates: number, t: T): string {
  const parts = [templates ? t('counts.template', { count: templates }) : '', presets ? t('counts.preset', { count: presets }) : ''].filter(
    Boolean,
  )
  const [first, second] = parts
  return first && second ? t('both', { first, second }) : (first ?? '')
}

function describeImport(counts: ImportCounts, fileName: string, t: T): string {
  const added = itemsText(counts.presets, counts.templates, t)
  const outcome = added ? t('status.imported', { items: added, file: fileName }) : t('status.nothingNew', { file: fileName })
  return counts.skipped ? `${outcome} ${t('status.skipped', { count: counts.skipped })}` : outcome
}

function matches(words: string[], texts: (string | undefined)[]): boolean {
  const haystack = texts.join('\n').toLowerCase()
  return words.every((word) => haystack.includes(word))
}

function presetForm(preset?: SystemPreset, copy = false): PresetForm {
  if (!preset) return { name: '', text: '' }
  return copy ? { name: copyName(preset.name), text: preset.text } : { id: preset.id, name: preset.name, text: preset.text }
}

function templateForm(template?: PromptTemplate, copy = false): TemplateForm {
  if (!template) return { name: '', description: '', systemPrompt: '', examples: [], prompt: '', outputFormat: '', wordLimit: '' }
  const form: TemplateForm = {
    name: copy ? copyName(template.name) : template.name,
    description: template.description,
    systemPrompt: template.systemPrompt ?? '',
    examples: template.examples.map((e) => ({ ...e })),
    prompt: template.prompt,
    outputFormat: template.outputFormat ?? '',
    wordLimit: template.wordLimit === undefined ? '' : String(template.wordLimit),
  }
  return copy ? form : { ...form, id: template.id }
}

function copyName(name: string): string {
  return `${name.slice(0, 93)} (copy)`
}

function upsert<T extends { id: string }>(items: T[], item: T): T[] {
  return items.some((i) => i.id === item.id) ? items.map((i) => (i.id === item.id ? item : i)) : [...items, item]
}

/**
 * The prompt library as a modal: presets and templates (built-ins marked), search, a preview of
 * exactly what a template sends, its fields, and Use. The user's own items can be created, edited,
 * duplicated, deleted, imported and exported; built-ins can be duplicated.
 */
export function PromptLibraryDialog({ library, onApply, onClose, initialInput }: PromptLibraryDialogProps) {
  const { t } = useTranslation('library')
  const dialogRef = useModalDialog()
  const searchRef = useRef<HTMLInputElement>(null)
  const headingRef = useRef<HTMLHeadingElement>(null)
  const fileRef = useRef<HTMLInputElement>(null)
  const titleId = useId()
  const searchId = useId()
  const [items, setItems] = useState<PromptLibraryList>()
  const [loadError, setLoadError] = useState<ErrorInfo>()
  const [generation, setGeneration] = useState(0)
  const [query, setQuery] = useState('')
  const [selection, setSelection] = useState<Selection>()
  const [editing, setEditing] = useState<Editing>()
  /** Where focus goes after the next render: the shown item's heading, or the search box when nothing is shown. */
  const focusTarget = useRef<'detail' | 'search'>(undefined)
  const [status, setStatus] = useState('')
  const action = useAction()
  /** A failure stays on screen until the next call, except when the user moves on to an editor. */
  const [dismissedError, setDismissedError] = useState<ErrorInfo>()
  const shownError = action.error === dismissedError ? undefined : action.error

  useEffect(() => {
    // showModal() focuses the first control (Close); searching is what people open a library for.
    searchRef.current?.focus()
  }, [])

  useEffect(() => {
    let current = true
    library.list().then(
      (list) => {
        if (!current) return
        setItems(list)
        setLoadError(undefined)
      },
      (error: unknown) => current && setLoadError(errorInfoOf(error)),
    )
    return () => {
      current = false
    }
  }, [library, generation])

  useEffect(() => {
    // After the render that shows the target: the heading of the saved item, or the search box after a delete.
    const target = focusTarget.current
    if (!target) return
    focusTarget.current = undefined
    ;(target === 'detail' ? (headingRef.current ?? searchRef.current) : searchRef.current)?.focus()
  })

  const words = query.toLowerCase().split(/\s+/).filter(Boolean)
  const presets = items?.presets.filter((p) => matches(words, [p.name, p.text])) ?? []
  const templates = items?.templates.filter((t) => matches(words, [t.name, t.description, t.systemPrompt, t.prompt])) ?? []
  const shown = pickShown(presets, templates, selection)

  const startEditing = (next: Editing) => {
    setDismissedError(action.error)
    setStatus('')
    setEditing(next)
  }
  const stopEditing = () => {
    setEditing(undefined)
    focusTarget.current = 'detail'
  }

  const savePreset = (draft: PresetDraft) =>
    action.run(() =>
      library.savePreset(draft).then((saved) => {
        setItems((list) => list && { ...list, presets: upsert(list.presets, saved) })
        setSelection({ kind: 'preset', id: saved.id })
        setQuery('') // so the search cannot hide what was just saved
        setStatus(t('status.savedPreset', { name: saved.name }))
        stopEditing()
      }),
    )
  const saveTemplate = (draft: TemplateDraft) =>
    action.run(() =>
      library.saveTemplate(draft).then((saved) => {
        setItems((list) => list && { ...list, templates: upsert(list.templates, saved) })
        setSelection({ kind: 'template', id: saved.id })
        setQuery('')
        setStatus(t('status.savedTemplate', { name: saved.name }))
        stopEditing()
      }),
    )
  const remove = (kind: Kind, item: { id: string; name: string }) =>
    action.run(async () => {
      await (kind === 'preset' ? library.deletePreset(item.id) : library.deleteTemplate(item.id))
      setItems(
        (list) =>
          list && {
            presets: list.presets.filter((p) => kind !== 'preset' || p.id !== item.id),
            templates: list.templates.filter((t) => kind !== 'template' || t.id !== item.id),
          },
      )
      setSelection(undefined)
      setStatus(t(kind === 'preset' ? 'status.deletedPreset' : 'status.deletedTemplate', { name: item.name }))
      focusTarget.current = 'search'
    })

  const importFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0]
    // Cleared so choosing the same file again (after fixing it) fires another change.
    event.target.value = ''
    if (!file) return
    setStatus('')
    await action.run(async () => {
      if (file.size > MAX_IMPORT_BYTES) throw new Error(t('status.tooLarge', { name: file.name, megabytes: MAX_IMPORT_MB }))
      const counts = await library.importLibrary(await file.text())
      setStatus(describeImport(counts, file.name, t))
      setGeneration((g) => g + 1)
    })
  }

  const exportFile = () => {
    setStatus('')
    void action.run(async () => {
      const file = await library.exportLibrary()
      const what = itemsText(file.presets.length, file.templates.length, t)
      if (!what) {
        setStatus(t('status.nothingToExport'))
        return
      }
      saveFile(EXPORT_FILE_NAME, `${JSON.stringify(file, null, 2)}\n`, 'application/json', dialogRef.current ?? undefined)
      setStatus(t('status.exported', { items: what, file: EXPORT_FILE_NAME }))
    })
  }

  return (
    <dialog
      ref={dialogRef}
      className="dialog library-dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        // Escape leaves the editor first, then the library (the browser closes it; onClose below tells the parent).
        if (!editing) return
        event.preventDefault()
        stopEditing()
      }}
      // However the browser closed it (Escape, or one that ignores the editor's preventDefault), the parent hears of it.
      // Still open means the close came from StrictMode's effect re-run, which showed the dialog again.
      onClose={() => dialogRef.current?.open || onClose()}
    >
      <div className="library-head">
        <h2 id={titleId}>{editing ? editorTitle(editing, t) : t('title')}</h2>
        <button type="button" className="button button-small" onClick={onClose} aria-label={t('closeLabel')}>
          {t('close')}
        </button>
      </div>

      <p role="status" className="library-status">
        {status}
      </p>
      {shownError && <ErrorNotice error={shownError} />}

      {editing?.kind === 'preset' && (
        <PresetEditor initial={editing.form} busy={action.busy} onSave={(draft) => void savePreset(draft)} onCancel={stopEditing} />
      )}
      {editing?.kind === 'template' && (
        <TemplateEditor
          initial={editing.form}
          presets={items?.presets ?? []}
          busy={action.busy}
          onSave={(draft) => void saveTemplate(draft)}
          onCancel={stopEditing}
        />
      )}

      {!editing && (
        <>
          <div className="library-toolbar">
            <label className="visually-hidden" htmlFor={searchId}>
              {t('search')}
            </label>
            <input
              id={searchId}
              ref={searchRef}
              type="search"
              className="library-search"
              placeholder={t('search')}
              value={query}
              onChange={(e) => setQuery(e.target.value)}
            />
            <button type="button" className="button" onClick={() => startEditing({ kind: 'template', form: templateForm() })}>
              {t('newTemplate')}
            </button>
            <button type="button" className="button" onClick={() => startEditing({ kind: 'preset', form: presetForm() })}>
              {t('newPreset')}
            </button>
            <button type="button" className="button" onClick={() => fileRef.current?.click()} disabled={action.busy}>
              {t('import')}
            </button>
            <input
              ref={fileRef}
              type="file"
              accept=".json,application/json"
              hidden
              aria-label={t('importFile')}
              onChange={(e) => void importFile(e)}
            />
            <button type="button" className="button" onClick={exportFile} disabled={action.busy}>
              {t('export')}
            </button>
          </div>

          {loadError && <ErrorNotice error={loadError} onRetry={() => setGeneration((g) => g + 1)} />}
          {!items && !loadError && <p className="muted">{t('loading')}</p>}

          {items && (
            <div className="library-body">
              <nav className="library-list" aria-label={t('list')}>
                {words.length > 0 && (
                  <p className="muted small" role="status">
                    {presets.length + templates.length === 0
                      ? t('nothingMatches')
                      : t('matches', { items: itemsText(presets.length, templates.length, t) })}
                  </p>
                )}
                <ItemGroup
                  title={t('templates')}
                  items={templates}
                  selected={shown?.kind === 'template' ? shown.item.id : undefined}
                  onSelect={(id) => setSelection({ kind: 'template', id })}
                />
                <ItemGroup
                  title={t('presets')}
                  items={presets}
                  selected={shown?.kind === 'preset' ? shown.item.id : undefined}
                  onSelect={(id) => setSelection({ kind: 'preset', id })}
                />
              </nav>
              <div className="library-detail">
                {shown?.kind === 'template' && (
                  <TemplateDetail
                    key={shown.item.id}
                    template={shown.item}
                    headingRef={headingRef}
                    initialInput={initialInput}
                    busy={action.busy}
                    onApply={onApply}
                    onEdit={() => startEditing({ kind: 'template', form: templateForm(shown.item) })}
                    onDuplicate={() => startEditing({ kind: 'template', form: templateForm(shown.item, true) })}
                    onDelete={() => void remove('template', shown.item)}
                  />
                )}
                {shown?.kind === 'preset' && (
                  <PresetDetail
                    key={shown.item.id}
                    preset={shown.item}
                    headingRef={headingRef}
                    busy={action.busy}
                    onApply={onApply}
                    onEdit={() => startEditing({ kind: 'preset', form: presetForm(shown.item) })}
                    onDuplicate={() => startEditing({ kind: 'preset', form: presetForm(shown.item, true) })}
                    onDelete={() => void remove('preset', shown.item)}
                  />
                )}
                {!shown && <p className="muted">{t('noMatch', { query: query.trim() })}</p>}
              </div>
            </div>
          )}
        </>
      )}
    </dialog>
  )
}

function editorTitle(editing: Editing, t: T): string {
  if (editing.kind === 'preset') return editing.form.id ? t('editPreset') : t('newPreset')
  return editing.form.id ? t('editTemplate') : t('newTemplate')
}

/**
 * The chosen item while the search still lists it; otherwise the first listed template (or
 * preset), so the preview always matches the list and is never empty when the library opens.
 */
function pickShown(
  presets: SystemPreset[],
  templates: PromptTemplate[],
  selection: Selection | undefined,
): { kind: 'template'; item: PromptTemplate } | { kind: 'preset'; item: SystemPreset } | undefined {
  const preset = selection?.kind === 'preset' ? presets.find((p) => p.id === selection.id) : undefined
  if (preset) return { kind: 'preset', item: preset }
  const template = selection?.kind === 'template' ? templates.find((t) => t.id === selection.id) : undefined
  if (template) return { kind: 'template', item: template }
  if (templates[0]) return { kind: 'template', item: templates[0] }
  return presets[0] && { kind: 'preset', item: presets[0] }
}

function ItemGroup({
  title,
  items,
  selected,
  onSelect,
}: {
  title: string
  items: { id: string; name: string; builtIn: boolean }[]
  selected: string | undefined
  onSelect(id: string): void
}) {
  const { t } = useTranslation('library')
  const headingId = useId()
  if (items.length === 0) return null
  return (
    <section className="library-group" aria-labelledby={headingId}>
      <h3 id={headingId}>{title}</h3>
      <ul>
        {items.map((item) => (
          <li key={item.id}>
            <button
              type="button"
              className="library-item"
              aria-current={item.id === selected ? 'true' : undefined}
              onClick={() => onSelect(item.id)}
            >
              <span className="library-item-name">{item.name}</span>
              {item.builtIn && <span className="badge">{t('builtIn')}</span>}
            </button>
          </li>
        ))}
      </ul>
    </section>
  )
}

/** Prompt text with its `{{fields}}` marked, exactly as stored. */
function PromptText({ text, label }: { text: string; label: string }) {
  const { t } = useTranslation('library')
  return (
    <pre className="library-text" aria-label={label} tabIndex={0}>
      {templateParts(text).map((part, index) =>
        part.kind === 'text' ? (
          <span key={index}>{part.text}</span>
        ) : (
          <mark
            key={index}
            className="library-field"
            title={part.fallback === undefined ? t('field') : t('fieldWithDefault', { fallback: part.fallback })}
          >
            {part.raw}
          </mark>
        ),
      )}
    </pre>
  )
}

interface ItemActionProps {
  name: string
  builtIn: boolean
  busy: boolean
  onEdit(): void
  onDuplicate(): void
  onDelete(): void
}

/** Edit and delete for the user's items, duplicate for all; delete asks first, in place. */
function ItemActions({ name, builtIn, busy, onEdit, onDuplicate, onDelete }: ItemActionProps) {
  const { t } = useTranslation('library')
  const [confirming, setConfirming] = useState(false)
  const keepRef = useRef<HTMLButtonElement>(null)
  const deleteRef = useRef<HTMLButtonElement>(null)
  const asked = useRef(false)

  useEffect(() => {
    // Focus follows the question and comes back to Delete when it is answered with Keep.
    if (confirming) keepRef.current?.focus()
    else if (asked.current) deleteRef.current?.focus()
    asked.current = confirming
  }, [confirming])

  if (confirming) {
    return (
      <div className="library-confirm" role="group" aria-label={t('item.confirmLabel', { name })}>
        <p>{t('item.confirm', { name })}</p>
        <div className="library-actions">
          <button ref={keepRef} type="button" className="button button-small" onClick={() => setConfirming(false)}>
            {t('item.keep')}
          </button>
          <button type="button" className="button button-small button-danger" onClick={onDelete} disabled={busy}>
            {busy ? t('item.deleting') : t('item.delete', { name })}
          </button>
        </div>
      </div>
    )
  }
  return (
    <div className="library-actions">
      {!builtIn && (
        <button type="button" className="button button-small" onClick={onEdit} aria-label={t('item.editLabel', { name })}>
          {t('item.edit')}
        </button>
      )}
      <button type="button" className="button button-small" onClick={onDuplicate} aria-label={t('item.duplicateLabel', { name })}>
        {t('item.duplicate')}
      </button>
      {!builtIn && (
        <button
          ref={deleteRef}
          type="button"
          className="button button-small"
          onClick={() => setConfirming(true)}
          aria-label={t('item.askDeleteLabel', { name })}
        >
          {t('item.askDelete')}
        </button>
      )}
      {builtIn && <p className="muted small">{t('item.builtInHint')}</p>}
    </div>
  )
}

function PresetDetail({
  preset,
  headingRef,
  busy,
  onApply,
  ...actions
}: {
  preset: SystemPreset
  headingRef: RefObject<HTMLHeadingElement | null>
  busy: boolean
  onApply(applied: AppliedPrompt): void
  onEdit(): void
  onDuplicate(): void
  onDelete(): void
}) {
  const { t } = useTranslation('library')
  return (
    <article className="library-article">
      <div className="library-detail-head">
        <h3 ref={headingRef} tabIndex={-1}>
          {preset.name}
        </h3>
        <span className="badge">{t('detail.systemPreset')}</span>
        {preset.builtIn && <span className="badge">{t('builtIn')}</span>}
      </div>
      <ItemActions name={preset.name} builtIn={preset.builtIn} busy={busy} {...actions} />
      <h4>{t('detail.systemPrompt')}</h4>
      <pre className="library-text" tabIndex={0} aria-label={t('detail.systemPrompt')}>
        {preset.text}
      </pre>
      <div className="library-use-actions">
        <button type="button" className="button button-primary" onClick={() => onApply({ systemPrompt: preset.text, messages: [] })}>
          {t('detail.useSystem')}
        </button>
      </div>
    </article>
  )
}

function TemplateDetail({
  template,
  headingRef,
  initialInput,
  busy,
  onApply,
  ...actions
}: {
  template: PromptTemplate
  headingRef: RefObject<HTMLHeadingElement | null>
  initialInput: string | undefined
  busy: boolean
  onApply(applied: AppliedPrompt): void
  onEdit(): void
  onDuplicate(): void
  onDelete(): void
}) {
  const { t } = useTranslation('library')
  const fields = templateFields(template)
  const defaults = fieldDefaults(template)
  const formRef = useRef<HTMLFormElement>(null)
  const [values, setValues] = useState((): Record<string, string> =>
    initialInput?.trim() && fields.includes('input') ? { input: initialInput } : {},
  )
  const [missing, setMissing] = useState<string[]>([])
  const stillMissing = missingFields(template, values)

  const use = (event: FormEvent) => {
    event.preventDefault()
    if (stillMissing.length > 0) {
      setMissing(stillMissing)
      formRef.current?.querySelector<HTMLElement>(`[name="${stillMissing[0]}"]`)?.focus()
      return
    }
    const applied = applyTemplate(template, values)
    onApply(applied.system === undefined ? { messages: applied.messages } : { systemPrompt: applied.system, messages: applied.messages })
  }

  return (
    <article className="library-article">
      <div className="library-detail-head">
        <h3 ref={headingRef} tabIndex={-1}>
          {template.name}
        </h3>
        {template.builtIn && <span className="badge">{t('builtIn')}</span>}
        {template.outputFormat && <span className="badge library-badge-muted">{t(FORMAT_LABELS[template.outputFormat])}</span>}
        {template.wordLimit !== undefined && (
          <span className="badge library-badge-muted">{t('detail.wordLimit', { count: template.wordLimit })}</span>
        )}
      </div>
      {template.description && <p className="muted">{template.description}</p>}
      <ItemActions name={template.name} builtIn={template.builtIn} busy={busy} {...actions} />

      {template.systemPrompt?.trim() && (
        <>
          <h4>{t('detail.systemPrompt')}</h4>
          <PromptText text={template.systemPrompt} label={t('detail.systemPrompt')} />
        </>
      )}
      {template.examples.length > 0 && (
        <>
          <h4>{t('detail.examples', { pairs: t('counts.messagePair', { count: template.examples.length }) })}</h4>
          <ol className="library-examples">
            {template.examples.map((example, index) => (
              <li key={index}>
                <p className="library-role">{t('detail.user')}</p>
                <pre className="library-text" tabIndex={0} aria-label={t('detail.exampleUser', { index: index + 1 })}>
                  {example.user}
                </pre>
                <p className="library-role">{t('detail.assistant')}</p>
                <pre className="library-text" tabIndex={0} aria-label={t('detail.exampleAssistant', { index: index + 1 })}>
                  {example.assistant}
                </pre>
              </li>
            ))}
          </ol>
        </>
      )}
      <h4>{t('detail.prompt')}</h4>
      <PromptText text={template.prompt} label={t('detail.prompt')} />

      <form ref={formRef} className="library-use" onSubmit={use} noValidate>
        {fields.length > 0 ? (
          <fieldset className="library-fields">
            <legend>{t('detail.fill')}</legend>
            {fields.map((name) => {
              const fallback = defaults[name]
              const error = missing.includes(name) && stillMissing.includes(name) ? t('detail.fillThis') : undefined
              const help = fallback ? t('detail.leaveEmpty', { fallback }) : undefined
              return (
                <Field key={name} label={fieldLabel(name)} help={help} error={error}>
                  {(props) =>
                    name === 'input' ? (
                      <textarea
                        {...props}
                        name={name}
                        rows={6}
                        value={values[name] ?? ''}
                        placeholder={fallback}
                        onChange={(e) => setValues((v) => ({ ...v, [name]: e.target.value }))}
                      />
                    ) : (
                      <input
                        {...props}
                        name={name}
                        value={values[name] ?? ''}
                        placeholder={fallback}
                        onChange={(e) => setValues((v) => ({ ...v, [name]: e.target.value }))}
                      />
                    )
                  }
                </Field>
              )
            })}
          </fieldset>
        ) : (
          <p className="muted small">{t('detail.noFields')}</p>
        )}
        <details className="library-preview">
          <summary>{t('detail.preview')}</summary>
          {stillMissing.length > 0 ? (
            <p className="muted small">{t('detail.fillToPreview', { fields: stillMissing.map(fieldLabel).join(', ') })}</p>
          ) : (
            <SentPreview applied={applyTemplate(template, values)} />
          )}
        </details>
        <div className="library-use-actions">
          <button type="submit" className="button button-primary">
            {t('detail.use')}
          </button>
        </div>
      </form>
    </article>
  )
}

const ROLE_WORDS = { system: 'detail.roles.system', user: 'detail.roles.user', assistant: 'detail.roles.assistant' } as const

function SentPreview({ applied }: { applied: ReturnType<typeof applyTemplate> }) {
  const { t } = useTranslation('library')
  const messages = [...(applied.system ? [{ role: 'system' as const, content: applied.system }] : []), ...applied.messages]
  return (
    <ol className="library-sent">
      {messages.map((message, index) => (
        <li key={index}>
          <p className="library-role">{t(ROLE_WORDS[message.role])}</p>
          <pre className="library-text">{message.content}</pre>
        </li>
      ))}
    </ol>
  )
}

/** zod issues keyed by field path (`examples.0.user`), for messages beside each input. */
function issuesByField(issues: readonly { path: readonly PropertyKey[]; message: string }[]): Record<string, string> {
  const errors: Record<string, string> = {}
  for (const issue of issues) errors[issue.path.map(String).join('.')] ??= issue.message
  return errors
}

function useFocusFirstInvalid(formRef: RefObject<HTMLFormElement | null>, errors: Record<string, string>): void {
  useEffect(() => {
    if (Object.keys(errors).length > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()
  }, [formRef, errors])
}

function PresetEditor({
  initial,
  busy,
  onSave,
  onCancel,
}: {
  initial: PresetForm
  busy: boolean
  onSave(draft: PresetDraft): void
  onCancel(): void
}) {
  const { t } = useTranslation('library')
  const formRef = useRef<HTMLFormElement>(null)
  const [form, setForm] = useState(initial)
  const [errors, setErrors] = useState<Record<string, string>>({})
  useFocusFirstInvalid(formRef, errors)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const parsed = PresetDraft.safeParse(form)
    if (!parsed.success) return setErrors(issuesByField(parsed.error.issues))
    setErrors({})
    onSave(parsed.data)
  }

  return (
    <form ref={formRef} className="library-editor" onSubmit={submit} noValidate>
      <Field label={t('editor.name')} error={errors.name}>
        {(props) => (
          <input {...props} value={form.name} maxLength={100} autoFocus onChange={(e) => setForm({ ...form, name: e.target.value })} />
        )}
      </Field>
      <Field label={t('editor.systemPrompt')} error={errors.text} help={t('editor.presetHelp')}>
        {(props) => (
          <textarea
            {...props}
            rows={8}
            value={form.text}
            placeholder={t('editor.presetPlaceholder')}
            onChange={(e) => setForm({ ...form, text: e.target.value })}
          />
        )}
      </Field>
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onCancel}>
          {t('editor.cancel')}
        </button>
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('editor.saving') : t('editor.savePreset')}
        </button>
      </div>
    </form>
  )
}

function TemplateEditor({
  initial,
  presets,
  busy,
  onSave,
  onCancel,
}: {
  initial: TemplateForm
  presets: SystemPreset[]
  busy: boolean
  onSave(draft: TemplateDraft): void
  onCancel(): void
}) {
  const { t } = useTranslation('library')
  const formRef = useRef<HTMLFormElement>(null)
  const presetSelectId = useId()
  const [form, setForm] = useState(initial)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [presetId, setPresetId] = useState(presets[0]?.id ?? '')
  const [addedExample, setAddedExample] = useState<number>()
  useFocusFirstInvalid(formRef, errors)

  const update = (patch: Partial<TemplateForm>) => setForm((f) => ({ ...f, ...patch }))
  const updateExample = (index: number, patch: Partial<TemplateForm['examples'][number]>) =>
    update({ examples: form.examples.map((e, i) => (i === index ? { ...e, ...patch } : e)) })

  const wordLimit = form.wordLimit.trim() === '' ? undefined : Number(form.wordLimit)
  const fields = templateFields(form)
  const instruction = missingFormatInstruction(
    form.prompt,
    form.outputFormat || undefined,
    Number.isInteger(wordLimit) ? wordLimit : undefined,
  )

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const draft = {
      ...(form.id ? { id: form.id } : {}),
      name: form.name,
      description: form.description.trim(),
      ...(form.systemPrompt.trim() ? { systemPrompt: form.systemPrompt } : {}),
      examples: form.examples,
      prompt: form.prompt,
      ...(form.outputFormat ? { outputFormat: form.outputFormat } : {}),
      ...(wordLimit === undefined ? {} : { wordLimit }),
    }
    const parsed = TemplateDraft.safeParse(draft)
    const found = parsed.success ? {} : issuesByField(parsed.error.issues)
    if (wordLimit !== undefined && !Number.isInteger(wordLimit)) found.wordLimit = t('editor.wholeWords')
    if (!parsed.success || Object.keys(found).length > 0) return setErrors(found)
    setErrors({})
    onSave(parsed.data)
  }

  return (
    <form ref={formRef} className="library-editor" onSubmit={submit} noValidate>
      <div className="field-row">
        <Field label={t('editor.name')} error={errors.name}>
          {(props) => <input {...props} value={form.name} maxLength={100} autoFocus onChange={(e) => update({ name: e.target.value })} />}
        </Field>
        <Field label={t('editor.description')} error={errors.description} help={t('editor.descriptionHelp')}>
          {(props) => (
            <input {...props} value={form.description} maxLength={500} onChange={(e) => update({ description: e.target.value })} />
          )}
        </Field>
      </div>

      <Field label={t('editor.systemOptional')} error={errors.systemPrompt} help={t('editor.systemHelp')}>
        {(props) => <textarea {...props} rows={3} value={form.systemPrompt} onChange={(e) => update({ systemPrompt: e.target.value })} />}
      </Field>
      {presets.length > 0 && (
        <div className="library-inline">
          <label htmlFor={presetSelectId} className="inline-label">
            {t('editor.preset')}
          </label>
          <select id={presetSelectId} value={presetId} onChange={(e) => setPresetId(e.target.value)}>
            {presets.map((preset) => (
              <option key={preset.id} value={preset.id}>
                {preset.name}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="button button-small"
            onClick={() => update({ systemPrompt: presets.find((p) => p.id === presetId)?.text ?? form.systemPrompt })}
          >
            {t('editor.usePreset')}
          </button>
        </div>
      )}

      <fieldset className="library-fields">
        <legend>{t('editor.examples')}</legend>
        <p className="muted small">{t('editor.examplesHelp')}</p>
        {form.examples.map((example, index) => (
          <div className="library-example-edit" key={index}>
            <Field label={t('editor.exampleUser', { index: index + 1 })} error={errors[`examples.${index}.user`]}>
              {(props) => (
                <textarea
                  {...props}
                  rows={3}
                  value={example.user}
                  autoFocus={index === addedExample}
                  onChange={(e) => updateExample(index, { user: e.target.value })}
                />
              )}
            </Field>
            <Field label={t('editor.exampleAssistant', { index: index + 1 })} error={errors[`examples.${index}.assistant`]}>
              {(props) => (
                <textarea
                  {...props}
                  rows={3}
                  value={example.assistant}
                  onChange={(e) => updateExample(index, { assistant: e.target.value })}
                />
              )}
            </Field>
            <button
              type="button"
              className="button button-small"
              onClick={() => {
                setAddedExample(undefined)
                update({ examples: form.examples.filter((_, i) => i !== index) })
              }}
            >
              {t('editor.removeExample', { index: index + 1 })}
            </button>
          </div>
        ))}
        <button
          type="button"
          className="button button-small"
          disabled={form.examples.length >= 20}
          onClick={() => {
            setAddedExample(form.examples.length)
            update({ examples: [...form.examples, { user: '', assistant: '' }] })
          }}
        >
          {t('editor.addExample')}
        </button>
      </fieldset>

      <Field
        label={t('editor.prompt')}
        error={errors.prompt}
        help={
          <>
            <Trans t={t} i18nKey="editor.promptHelp" values={FIELD_SYNTAX} components={{ code: <code /> }} />{' '}
            {fields.length > 0 ? t('editor.fields', { fields: fields.join(', ') }) : t('editor.noFields')}
          </>
        }
      >
        {(props) => (
          <textarea
            {...props}
            rows={7}
            value={form.prompt}
            placeholder={t('editor.promptPlaceholder', FIELD_SYNTAX)}
            onChange={(e) => update({ prompt: e.target.value })}
          />
        )}
      </Field>

      <div className="field-row">
        <Field label={t('editor.outputFormat')} error={errors.outputFormat} help={t('editor.outputFormatHelp')}>
          {(props) => (
            <select {...props} value={form.outputFormat} onChange={(e) => update({ outputFormat: e.target.value as OutputFormat | '' })}>
              <option value="">{t('editor.notSet')}</option>
              {Object.entries(FORMAT_LABELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {t(label)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('editor.wordLimit')} error={errors.wordLimit} help={t('editor.wordLimitHelp')}>
          {(props) => (
            <input
              {...props}
              type="number"
              inputMode="numeric"
              min={1}
              max={10_000}
              step={1}
              value={form.wordLimit}
              onChange={(e) => update({ wordLimit: e.target.value })}
            />
          )}
        </Field>
      </div>
      {instruction && (
        <div className="notice notice-info">
          <p>{t('editor.missingInstruction', { instruction })}</p>
          <button
            type="button"
            className="button button-small"
            onClick={() => update({ prompt: form.prompt.trim() ? `${form.prompt.trimEnd()}\n${instruction}` : instruction })}
          >
            {t('editor.addInstruction')}
          </button>
        </div>
      )}

      <div className="dialog-actions">
        <button type="button" className="button" onClick={onCancel}>
          {t('editor.cancel')}
        </button>
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('editor.saving') : t('editor.saveTemplate')}
        </button>
      </div>
    </form>
  )
}
