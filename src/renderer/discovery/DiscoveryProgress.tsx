/**
 * A discovery as it goes: the progress bar, each query with its status as main reports it (a
 * failed one with its reason), and the outcome in one plain sentence — what was saved, and, for
 * an incomplete snapshot, what is missing from it.
 */
import type { DiscoveryQueryStatus } from '../../shared/discovery/events';
import type { DiscoveryRun } from './progress';
import { failedQueries, percentDone } from './progress';

const STATUS_WORDS: Record<DiscoveryQueryStatus['status'], string> = { running: 'running', succeeded: 'done', failed: 'failed' };
const STATUS_ICONS: Record<DiscoveryQueryStatus['status'], string> = { running: '…', succeeded: '✓', failed: '✕' };

function targetName(run: DiscoveryRun): string {
  return run.target.kind === 'lab' ? 'the lab' : run.target.endpoint;
}

function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

function outcome(run: DiscoveryRun): string {
  if (!run.finished) return run.id === null ? `Connecting to ${targetName(run)}…` : `Asking ${targetName(run)}: ${run.done} of ${run.total || '?'} queries answered.`;
  if (run.error) return `${run.error.replace(/\.?$/, '.')} Nothing was saved.`;
  const saved = run.snapshotPath ? ` Saved as ${fileName(run.snapshotPath)} and shown in the graph.` : '';
  if (run.incomplete && run.incomplete.length > 0) {
    return `Incomplete snapshot: ${run.incomplete.length === 1 ? 'one query' : `${run.incomplete.length} queries`} could not be read, so what they would say is unknown in the graph.${saved}`;
  }
  return `Done: every query answered.${saved}`;
}

export function DiscoveryProgress({ run }: { run: DiscoveryRun }) {
  const percent = percentDone(run);
  const failed = failedQueries(run);
  const finishedBadly = run.finished && (run.error !== undefined || (run.incomplete?.length ?? 0) > 0);
  return (
    <section className="discovery-progress" aria-label="Discovery progress" data-testid="discovery-progress">
      <div
        className={`progress${finishedBadly ? ' progress-warn' : ''}`}
        role="progressbar"
        aria-label="Discovery progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${percent} %`}
        data-testid="discovery-progressbar"
      >
        <div className="progress-fill" style={{ width: `${percent}%` }} />
      </div>
      <p className="progress-caption">
        <span data-testid="discovery-percent">{percent} %</span>
        {run.total > 0 && <span className="muted"> · {run.done} of {run.total} queries</span>}
      </p>
      {run.queries.length > 0 && (
        // Focusable: a long list scrolls, and the keyboard must be able to scroll it.
        <ol className="query-list" aria-label="Queries" tabIndex={0} data-testid="discovery-queries">
          {run.queries.map((q, i) => (
            <li key={i} className={`query query-${q.status}`} data-testid="discovery-query" data-status={q.status}>
              <span className="query-icon" aria-hidden="true">
                {STATUS_ICONS[q.status]}
              </span>
              <code className="query-text">{q.query}</code>
              <span className="query-status">{STATUS_WORDS[q.status]}</span>
              {q.message && <span className="query-message">{q.message}</span>}
            </li>
          ))}
        </ol>
      )}
      <div role="status" aria-live="polite" className={`discovery-outcome${finishedBadly ? ' warn' : ''}`} data-testid="discovery-outcome">
        <p>{outcome(run)}</p>
        {run.finished && (run.incomplete?.length ?? 0) > 0 && (
          <ul className="missing-list" data-testid="discovery-missing" aria-label="Missing from the snapshot">
            {run.incomplete!.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        )}
        {run.finished && !run.error && (run.incomplete?.length ?? 0) === 0 && failed.length > 0 && (
          <p className="muted">
            {failed.length === 1 ? 'One query failed' : `${failed.length} queries failed`} at first and {failed.length === 1 ? 'was' : 'were'} answered from the
            server’s local copy of the CMS (-LocalStore).
          </p>
        )}
      </div>
    </section>
  );
}
