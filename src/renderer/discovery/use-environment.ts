/** The environment of the deployment on screen (status bar, banner, graph caption), from the store. */
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../store/store';
import { shownEnvironment, type ShownEnvironment } from './environment';

export function useShownEnvironment(): ShownEnvironment | null {
  const { source, takenAt, openSeq, shownDiscovery } = useAppStore(
    useShallow((s) => ({ source: s.deployment?.source, takenAt: s.takenAt, openSeq: s.openSeq, shownDiscovery: s.shownDiscovery })),
  );
  return useMemo(() => {
    if (!source) return null;
    const discoveredFrom = shownDiscovery?.openSeq === openSeq ? shownDiscovery.target : undefined;
    return shownEnvironment(source, takenAt, discoveredFrom);
  }, [source, takenAt, openSeq, shownDiscovery]);
}
