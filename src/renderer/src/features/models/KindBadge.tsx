import type { ModelKind } from '../../../../shared/domain/models.ts'

const LABELS: Record<ModelKind, { text: string; title: string } | undefined> = {
  instruct: { text: 'instruct', title: 'Tuned to follow instructions and chat' },
  base: { text: 'base', title: 'Continues text; not tuned to follow instructions' },
  unknown: undefined,
}

export function KindBadge({ kind }: { kind: ModelKind }) {
  const label = LABELS[kind]
  if (!label) return null
  return (
    <span className={`badge badge-${kind}`} title={label.title}>
      {label.text}
    </span>
  )
}
