import { cloneElement, useId, type ReactElement, type ReactNode } from 'react';

/**
 * A labelled form control. The label points at the control by id rather than wrapping it, so the
 * control's accessible name is the label alone (a wrapping label would also read out every option).
 */
export function Field({ label, className, children }: { readonly label: ReactNode; readonly className?: string; readonly children: ReactElement<{ id?: string }> }) {
  const id = useId();
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={id}>{label}</label>
      {cloneElement(children, { id })}
    </div>
  );
}
