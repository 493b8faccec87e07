import type { ReactNode } from 'react'

/** A form control with its label above it. */
export function LabField({ label, children, title }: { readonly label: string; readonly children: ReactNode; readonly title?: string }) {
  return (
    <label className="lab-field" title={title}>
      <span className="lab-field__label">{label}</span>
      {children}
    </label>
  )
}
