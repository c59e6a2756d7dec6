import { Fragment, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { DEFAULT_MODEL, type ModelSummary } from '../../../../shared/domain/models.ts'
import { formatBytes, formatDate, formatNumber } from '../../i18n/format.ts'
import { DeleteModelDialog } from './DeleteModelDialog.tsx'
import { KindBadge } from './KindBadge.tsx'
import { ModelDetailsPanel } from './ModelDetailsPanel.tsx'

/** The installed models, each with its details on demand and a confirmed delete. */
export function InstalledModels({ models, onChanged }: { models: ModelSummary[]; onChanged: () => void }) {
  const { t } = useTranslation('models')
  const [open, setOpen] = useState<string>()
  const [deleting, setDeleting] = useState<ModelSummary>()
  return (
    <>
      <div className="table-wrap">
        <table className="table">
          <caption className="visually-hidden">{t('installed.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('installed.name')}</th>
              <th scope="col">{t('installed.parameters')}</th>
              <th scope="col">{t('installed.quantization')}</th>
              <th scope="col" className="numeric">
                {t('installed.context')}
              </th>
              <th scope="col" className="numeric">
                {t('installed.size')}
              </th>
              <th scope="col">{t('installed.updated')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('installed.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {models.map((m) => (
              <Fragment key={m.name}>
                <tr>
                  <th scope="row">
                    <span className="model-name">{m.name}</span>
                    <span className="model-badges">
                      {m.family && <span className="muted small model-family">{m.family}</span>}
                      <KindBadge kind={m.kind} />
                      {m.name === DEFAULT_MODEL && <span className="badge">{t('defaultBadge')}</span>}
                    </span>
                  </th>
                  <td>{m.parameterSize ?? '—'}</td>
                  <td>{m.quantization ?? '—'}</td>
                  <td className="numeric">{m.contextLength ? formatNumber(m.contextLength) : '—'}</td>
                  <td className="numeric">{formatBytes(m.sizeBytes)}</td>
                  <td className="nowrap">{formatDate(m.modifiedAt)}</td>
                  <td className="row-actions">
                    <button
                      type="button"
                      className="button button-small"
                      aria-expanded={open === m.name}
                      aria-label={t('installed.detailsOf', { model: m.name })}
                      onClick={() => setOpen(open === m.name ? undefined : m.name)}
                    >
                      {t('installed.details')}
                    </button>
                    <button
                      type="button"
                      className="button button-small"
                      aria-label={t('installed.deleteModel', { model: m.name })}
                      onClick={() => setDeleting(m)}
                    >
                      {t('installed.delete')}
                    </button>
                  </td>
                </tr>
                {open === m.name && (
                  <tr className="details-row">
                    <td colSpan={7}>
                      <ModelDetailsPanel model={m.name} />
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      </div>
      {deleting && (
        <DeleteModelDialog
          model={deleting.name}
          sizeBytes={deleting.sizeBytes}
          onClose={(deleted) => {
            setDeleting(undefined)
            if (deleted) onChanged()
          }}
        />
      )}
    </>
  )
}
