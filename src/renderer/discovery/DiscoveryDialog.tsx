/**
 * The one modal dialog for discovery, kept snapshots and the offline collector: the three views
 * move into each other (Discover ▸ Kept snapshots…), so one <dialog> keeps focus inside, closes on
 * Escape, and gives focus back to what opened it (unless what it did moved focus on). Switching
 * view puts focus on the new heading.
 */
import { useEffect, useId, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../store/store';
import { DiscoverPanel } from './DiscoverPanel';
import { SnapshotsPanel } from './SnapshotsPanel';
import { CollectorPanel } from './CollectorPanel';
import './discovery.css';

export function DiscoveryDialog() {
  const { view, close } = useAppStore(useShallow((s) => ({ view: s.discoveryDialog, close: s.closeDiscoveryDialog })));
  const dialogRef = useRef<HTMLDialogElement>(null);
  const returnFocus = useRef<HTMLElement | null>(null);
  const headingId = useId();

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (view && !dialog.open) {
      returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.showModal();
    } else if (!view && dialog.open) {
      dialog.close();
    }
    if (view) document.getElementById(headingId)?.focus();
  }, [view, headingId]);

  const onClosed = () => {
    if (useAppStore.getState().discoveryDialog) close();
    // Unless what the dialog did took focus elsewhere (a comparison focuses its list).
    const at = document.activeElement;
    if (!at || at === document.body || dialogRef.current?.contains(at)) returnFocus.current?.focus();
    returnFocus.current = null;
  };

  return (
    <dialog ref={dialogRef} className="discovery-dialog" aria-labelledby={headingId} data-testid="discovery-dialog" onClose={onClosed}>
      {view === 'discover' && <DiscoverPanel headingId={headingId} />}
      {view === 'snapshots' && <SnapshotsPanel headingId={headingId} />}
      {view === 'collector' && <CollectorPanel headingId={headingId} />}
    </dialog>
  );
}
