/** Errors from main or the graph: they stay until dismissed, and are announced at once. */
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../store/store';

export function ErrorBanner() {
  const { errors, dismissError } = useAppStore(useShallow((s) => ({ errors: s.errors, dismissError: s.dismissError })));
  if (errors.length === 0) return null;
  return (
    <div className="error-banner" role="alert" data-testid="error-banner">
      {errors.map((e) => (
        <div key={e.id} className="error-row">
          <span className="error-icon" aria-hidden="true">
            ⚠
          </span>
          <span className="error-message" data-testid="error-message">
            {e.message}
          </span>
          <button type="button" className="dismiss" aria-label="Dismiss error" onClick={() => dismissError(e.id)}>
            ✕
          </button>
        </div>
      ))}
    </div>
  );
}
