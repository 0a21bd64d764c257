/** A name in a panel that selects its element in the graph (and pans to it) when activated. */
import type { ReactNode } from 'react';
import { useAppStore } from '../store/store';

export function ElementLink({ id, children, label }: { id: string; children: ReactNode; label?: string }) {
  const select = useAppStore((s) => s.select);
  return (
    <button type="button" className="link" aria-label={label} onClick={() => select(id, 'pan')}>
      {children}
    </button>
  );
}
