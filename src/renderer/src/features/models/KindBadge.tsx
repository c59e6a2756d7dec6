import { useTranslation } from 'react-i18next'
import type { ModelKind } from '../../../../shared/domain/models.ts'

const LABELS = {
  instruct: { text: 'kind.instruct', title: 'kind.instructTitle' },
  base: { text: 'kind.base', title: 'kind.baseTitle' },
  unknown: undefined,
} as const satisfies Record<ModelKind, unknown>

export function KindBadge({ kind }: { kind: ModelKind }) {
  const { t } = useTranslation('models')
  const label = LABELS[kind]
  if (!label) return null
  return (
    <span className={`badge badge-${kind}`} title={t(label.title)}>
      {t(label.text)}
    </span>
  )
}
