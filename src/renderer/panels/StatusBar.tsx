/** The bottom line: which source is on screen, how big it is, whether there are unsaved changes. */
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../store/store';
import { sourceLabel } from './source-label';

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function StatusBar() {
  const { deployment, takenAt, dirty, opening, issues } = useAppStore(
    useShallow((s) => ({ deployment: s.deployment, takenAt: s.takenAt, dirty: s.dirty, opening: s.opening, issues: s.issues })),
  );
  const errors = issues.filter((i) => i.severity === 'error').length;
  const warnings = issues.length - errors;
  return (
    <footer className="status-bar" data-testid="status-bar" aria-label="Status">
      <span className="status-source" data-testid="status-source" title={deployment?.source.path}>
        {deployment ? sourceLabel(deployment.source, takenAt, new Date()) : 'No deployment open'}
      </span>
      {deployment && (
        <span data-testid="status-counts">
          {count(deployment.topology.sites.length, 'site', 'sites')} · {count(deployment.topology.pools.length, 'pool', 'pools')}
        </span>
      )}
      {issues.length > 0 && (
        <span data-testid="status-issues">
          {[errors && count(errors, 'error', 'errors'), warnings && count(warnings, 'warning', 'warnings')].filter(Boolean).join(' · ')}
        </span>
      )}
      {dirty && (
        <span className="status-dirty" data-testid="status-dirty">
          • unsaved changes
        </span>
      )}
      <span className="status-spacer" />
      <span role="status" aria-live="polite">
        {opening ? 'Opening…' : ''}
      </span>
    </footer>
  );
}
