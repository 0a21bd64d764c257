/** A side-panel section the admin can fold away; a native <details>, so it is keyboard-operable as is. */
import { useState, type ReactNode } from 'react';

export function Collapsible({
  title,
  initiallyOpen,
  testId,
  className,
  children,
}: {
  title: ReactNode;
  initiallyOpen: boolean;
  testId: string;
  className?: string;
  children: ReactNode;
}) {
  const [open, setOpen] = useState(initiallyOpen);
  return (
    <details className={`panel collapsible ${className ?? ''}`} data-testid={testId} open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{title}</summary>
      <div className="collapsible-body">{children}</div>
    </details>
  );
}
