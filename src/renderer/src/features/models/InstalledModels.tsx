import { Fragment, useState } from 'react'
import { DEFAULT_MODEL, type ModelSummary } from '../../../../shared/domain/models.ts'
import { formatBytes, formatDate } from '../../ui/format.ts'
import { DeleteModelDialog } from './DeleteModelDialog.tsx'
import { KindBadge } from './KindBadge.tsx'
import { ModelDetailsPanel } from './ModelDetailsPanel.tsx'

/** The installed models, each with its details on demand and a confirmed delete. */
export function InstalledModels({ models, onChanged }: { models: ModelSummary[]; onChanged: () => void }) {
  const [open, setOpen] = useState<string>()
  const [deleting, setDeleting] = useState<ModelSummary>()
  return (
    <>
      <div className="table-wrap">
        <table className="table">
          <caption className="visually-hidden">Installed models</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Parameters</th>
              <th scope="col">Quantization</th>
              <th scope="col" className="numeric">
                Context
              </th>
              <th scope="col" className="numeric">
                Size
              </th>
              <th scope="col">Updated</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
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
                      {m.name === DEFAULT_MODEL && <span className="badge">default</span>}
                    </span>
                  </th>
                  <td>{m.parameterSize ?? '—'}</td>
                  <td>{m.quantization ?? '—'}</td>
                  <td className="numeric">{m.contextLength ? m.contextLength.toLocaleString() : '—'}</td>
                  <td className="numeric">{formatBytes(m.sizeBytes)}</td>
                  <td className="nowrap">{formatDate(m.modifiedAt)}</td>
                  <td className="row-actions">
                    <button
                      type="button"
                      className="button button-small"
                      aria-expanded={open === m.name}
                      aria-label={`Details of ${m.name}`}
                      onClick={() => setOpen(open === m.name ? undefined : m.name)}
                    >
                      Details
                    </button>
                    <button type="button" className="button button-small" aria-label={`Delete ${m.name}`} onClick={() => setDeleting(m)}>
                      Delete
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
