/**
 * A discovery's progress as the window keeps it: every query main reported, in the order they
 * started, with its latest status. Pure, so the bookkeeping is tested without a window.
 */
import type { DiscoveryEvent, DiscoveryQueryStatus } from '../../shared/discovery/events';
import type { DiscoveryTarget } from '../store/discovery-slice';

export interface DiscoveryRun {
  /** Main's id for it; null until 'discovery.start' answers. */
  id: string | null;
  target: DiscoveryTarget;
  queries: DiscoveryQueryStatus[];
  done: number;
  total: number;
  finished: boolean;
  /** The snapshot saved in the data folder. */
  snapshotPath?: string;
  /** What could not be read: the snapshot is incomplete. */
  incomplete?: string[];
  /** Why nothing was saved. */
  error?: string;
}

export function startedRun(target: DiscoveryTarget): DiscoveryRun {
  return { id: null, target, queries: [], done: 0, total: 0, finished: false };
}

/**
 * A query's new status replaces the last entry for the same query text that has not finished; a
 * query asked again (-LocalStore after a failure has its own text, but a repeat would not) gets a
 * row of its own, so a failure stays visible next to the retry that answered it.
 */
export function applyProgress(run: DiscoveryRun, event: Extract<DiscoveryEvent, { type: 'progress' }>): DiscoveryRun {
  const queries = [...run.queries];
  let at = -1;
  for (let i = queries.length - 1; i >= 0; i--) {
    if (queries[i]!.query === event.query.query && queries[i]!.status === 'running') {
      at = i;
      break;
    }
  }
  if (at >= 0) queries[at] = event.query;
  else queries.push(event.query);
  return { ...run, queries, done: event.done, total: Math.max(event.total, event.done) };
}

/** 0–100 for the progress bar: 100 once main says it finished, whatever the counts said. */
export function percentDone(run: DiscoveryRun): number {
  if (run.finished) return 100;
  if (run.total <= 0) return 0;
  return Math.min(100, Math.round((run.done / run.total) * 100));
}

export function failedQueries(run: DiscoveryRun): DiscoveryQueryStatus[] {
  return run.queries.filter((q) => q.status === 'failed');
}
