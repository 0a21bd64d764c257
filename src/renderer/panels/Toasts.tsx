/** Done-messages ("Snapshot saved to …"): announced politely, gone after a few seconds or when dismissed. */
import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../store/store';

const TOAST_MS = 7000;

export function Toasts() {
  const { toasts, dismissToast } = useAppStore(useShallow((s) => ({ toasts: s.toasts, dismissToast: s.dismissToast })));
  const newest = toasts.at(-1);
  useEffect(() => {
    if (!newest) return;
    const timer = window.setTimeout(() => dismissToast(newest.id), TOAST_MS);
    return () => window.clearTimeout(timer);
  }, [newest, dismissToast]);
  return (
    <div className="toasts" role="status" aria-live="polite" data-testid="toasts">
      {toasts.map((t) => (
        <div key={t.id} className="toast" data-testid="toast">
          <span>{t.message}</span>
          <button type="button" className="dismiss" aria-label="Dismiss message" onClick={() => dismissToast(t.id)}>
            ✕
          </button>
        </div>
      ))}
    </div>
  );
}
