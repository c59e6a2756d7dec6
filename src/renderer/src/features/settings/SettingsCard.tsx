import { useId, type ReactNode } from 'react'

/** One topic of the Settings screen: its title and what it is for beside (or, when narrow, above) its fields. */
export function SettingsCard({ title, description, children }: { title: string; description?: ReactNode; children: ReactNode }) {
  const id = useId()
  return (
    <section className="settings-card" aria-labelledby={id}>
      <div className="settings-card-head">
        <h2 id={id}>{title}</h2>
        {description && <p className="muted small">{description}</p>}
      </div>
      <div className="settings-card-body">{children}</div>
    </section>
  )
}
