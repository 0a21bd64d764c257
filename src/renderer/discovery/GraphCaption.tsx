/**
 * Over the graph's corner: which snapshot it shows, when it was taken and how old that is, and
 * whether it is incomplete — so a screenshot of the graph still says what it is.
 */
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../store/store';
import { formatTime } from '../panels/source-label';
import { ageOld } from './age';
import { useNow } from './use-now';
import './discovery.css';

const KIND_WORDS = { snapshot: 'Snapshot', collector: 'Collector file', discovery: 'Discovery' } as const;

export function GraphCaption() {
  const now = useNow();
  const { source, takenAt, incomplete, discovered } = useAppStore(
    useShallow((s) => ({
      source: s.deployment?.source,
      takenAt: s.takenAt,
      incomplete: s.incomplete,
      discovered: s.shownDiscovery?.openSeq === s.openSeq ? s.shownDiscovery : null,
    })),
  );
  if (!source || !(source.kind === 'snapshot' || source.kind === 'collector' || source.kind === 'discovery')) return null;
  const missing = discovered ? discovered.incomplete : incomplete;
  const taken = takenAt ? new Date(takenAt) : null;
  return (
    <p className="graph-caption" data-testid="graph-caption" title={source.path}>
      <span className="caption-kind">{KIND_WORDS[source.kind]}</span> <span className="caption-name">{source.name}</span>
      {taken && (
        <span className="caption-time">
          {' '}
          · taken {formatTime(taken)}, {ageOld(taken, now)}
        </span>
      )}
      {missing.length > 0 && (
        <span className="badge badge-warn" title={missing.join('\n')}>
          incomplete: {missing.length === 1 ? '1 query' : `${missing.length} queries`} not read
        </span>
      )}
    </p>
  );
}
