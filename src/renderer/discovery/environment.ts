/**
 * Which environment the graph on screen comes from, as the status bar and the offline banner say
 * it: the lab (the simulated deployment), a live server (a discovery made in this session), or
 * offline data (a snapshot or collector file, with its age; a topology file, which has no state of
 * its own). Pure, so the wording is tested without a window.
 */
import type { TopologySource } from '../../shared/model/types';
import type { DiscoveryTarget } from '../store/discovery-slice';
import { formatTime } from '../panels/source-label';
import { ageOld, ageWords, isStale } from './age';

export type ShownEnvironment =
  | { kind: 'lab'; takenAt?: string }
  | { kind: 'live'; server: string; takenAt?: string }
  | { kind: 'snapshot'; takenAt?: string }
  | { kind: 'file' };

/**
 * `discoveredFrom`: set when what is shown is the snapshot a discovery of this session just saved;
 * the same file opened later from disk is offline data like any other snapshot.
 */
export function shownEnvironment(source: TopologySource, takenAt: string | undefined, discoveredFrom?: DiscoveryTarget): ShownEnvironment {
  const at = takenAt ? { takenAt } : {};
  if (discoveredFrom) return discoveredFrom.kind === 'lab' ? { kind: 'lab', ...at } : { kind: 'live', server: discoveredFrom.endpoint, ...at };
  switch (source.kind) {
    case 'demo':
    case 'lab':
      return { kind: 'lab', ...at };
    case 'snapshot':
    case 'collector':
    case 'discovery':
      return { kind: 'snapshot', ...at };
    case 'file':
    case 'synthetic':
      return { kind: 'file' };
  }
}

/** The status bar's first words. */
export function environmentLabel(env: ShownEnvironment, now: Date): string {
  switch (env.kind) {
    case 'lab':
      return `Lab (simulated deployment)${discovered(env.takenAt, now)}`;
    case 'live':
      return `Live: ${env.server}${discovered(env.takenAt, now)}`;
    case 'snapshot': {
      if (!env.takenAt) return 'Offline snapshot — time taken not recorded';
      const taken = new Date(env.takenAt);
      return `Offline snapshot — taken ${formatTime(taken)}, ${ageOld(taken, now)}`;
    }
    case 'file':
      return 'Offline — topology file (no live state)';
  }
}

/** A discovery is a moment, not a connection: when it was, and how long ago. */
function discovered(takenAt: string | undefined, now: Date): string {
  if (!takenAt) return '';
  const taken = new Date(takenAt);
  return ` — discovered ${formatTime(taken)}, ${ageOld(taken, now)}`;
}

/**
 * The offline banner's sentence, or null when there is nothing to warn about: the lab is always
 * current, and data younger than a few hours is as good as it gets without a connection.
 */
export function staleNotice(env: ShownEnvironment, now: Date): string | null {
  if (env.kind === 'lab' || env.kind === 'file' || !env.takenAt) return null;
  const taken = new Date(env.takenAt);
  if (!isStale(taken, now)) return null;
  const when = `${formatTime(taken)}, ${ageWords(taken, now)} ago`;
  return env.kind === 'live'
    ? `This was discovered from ${env.server} at ${when}. PoolPilot keeps no connection open, so the deployment may have changed since; discover again to see it as it is now.`
    : `You are looking at a snapshot taken ${when}, not at the live deployment. It shows the deployment as it was then; discover again when the servers can be reached.`;
}
