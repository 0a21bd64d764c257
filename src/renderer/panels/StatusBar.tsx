/**
 * The bottom line: which environment the graph comes from (the lab — and whether real PowerShell
 * answers its commands — a live server, an offline snapshot and its age), which source is on screen, how big it is, whether there are unsaved
 * changes — and, each with a progress bar, the long operations going on (opening, saving,
 * exporting) and a discovery going on while its dialog is closed.
 */
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../store/store';
import { sourceLabel } from './source-label';
import { environmentLabel } from '../discovery/environment';
import { useShownEnvironment } from '../discovery/use-environment';
import { useNow } from '../discovery/use-now';
import { labRunnerWords, useLabRunner } from '../discovery/use-lab-runner';
import { percentDone } from '../discovery/progress';
import { RunStatus } from '../run/RunStatus';

/** A progress bar named for its operation; without `percent` it is indeterminate (no aria-valuenow) and sweeps. */
function ProgressBar({ label, percent }: { label: string; percent?: number }) {
  const known = percent !== undefined;
  return (
    <span
      className={`progress progress-small${known ? '' : ' progress-indeterminate'}`}
      role="progressbar"
      aria-label={label}
      {...(known ? { 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': percent } : {})}
    >
      <span className="progress-fill" style={known ? { width: `${percent}%` } : undefined} />
    </span>
  );
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

const ENVIRONMENT_ICONS = { lab: '⚗', live: '●', snapshot: '◷', file: '▤' } as const;

export function StatusBar() {
  const { deployment, dirty, busy, issues, discovery, dialogOpen, openDialog } = useAppStore(
    useShallow((s) => ({
      deployment: s.deployment,
      dirty: s.dirty,
      busy: s.busy,
      issues: s.issues,
      discovery: s.discovery,
      dialogOpen: s.discoveryDialog !== null,
      openDialog: s.openDiscoveryDialog,
    })),
  );
  const env = useShownEnvironment();
  const now = useNow();
  const labRunner = useLabRunner();
  const errors = issues.filter((i) => i.severity === 'error').length;
  const warnings = issues.length - errors;
  const discovering = discovery !== null && !discovery.finished;
  return (
    <footer className="status-bar" data-testid="status-bar" aria-label="Status">
      {env && (
        <span className={`status-environment env-${env.kind}`} data-testid="status-environment">
          <span className="env-icon" aria-hidden="true">
            {ENVIRONMENT_ICONS[env.kind]}
          </span>
          {environmentLabel(env, now)}
        </span>
      )}
      {env?.kind === 'lab' && labRunner && (
        <span className={`status-lab-runner lab-runner-${labRunner.kind}`} data-testid="status-lab-runner" title={`Lab commands: ${labRunner.label}`}>
          {labRunnerWords(labRunner)}
        </span>
      )}
      <span className="status-source" data-testid="status-source" title={deployment?.source.path}>
        {deployment ? sourceLabel(deployment.source) : 'No deployment open'}
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
      <RunStatus />
      {discovering && !dialogOpen && (
        <button type="button" className="status-discovery" onClick={() => openDialog('discover')} data-testid="status-discovery">
          Discovering…
          <ProgressBar label="Discovery progress" percent={percentDone(discovery)} />
        </button>
      )}
      <span className="status-busy" role="status" aria-live="polite">
        {busy.map((task) => (
          <span key={task.id} className="status-busy-task" data-testid="status-busy">
            <span className="status-busy-label" title={task.label}>
              {task.label}…
            </span>
            <ProgressBar label={task.label} />
          </span>
        ))}
      </span>
    </footer>
  );
}
