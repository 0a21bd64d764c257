/**
 * Discovery and snapshots in the window: the discovery going on (each query's status as main
 * reports it), which environment the deployment on screen came from when a discovery of this
 * session opened it, the snapshot it is being compared with, and which of the discovery dialogs
 * is open. Comparisons and discovery marks belong to one open: a newly opened deployment leaves
 * them behind (they carry the openSeq they were made for).
 */
import type { StateCreator } from 'zustand';
import type { z } from 'zod';
import type { environmentSchema } from '../../shared/ipc/contract';
import type { DiscoveryEvent } from '../../shared/discovery/events';
import type { Deployment } from '../../shared/model/types';
import { applyProgress, startedRun, type DiscoveryRun } from '../discovery/progress';
import type { AppState } from './store';

/** Where a discovery goes: the lab (seeded from the deployment shown) or a live Front End. */
export type DiscoveryTarget = z.infer<typeof environmentSchema>;

/** The deployment on screen is the snapshot this session's discovery saved. */
export interface ShownDiscovery {
  openSeq: number;
  target: DiscoveryTarget;
  snapshotPath: string;
  /** What the discovery could not read (empty: complete). */
  incomplete: string[];
}

/** Another deployment (a kept snapshot, a file) the one on screen is compared with. */
export interface Comparison {
  openSeq: number;
  other: Deployment;
  /** The other's file name, as the admin knows it. */
  name: string;
  takenAt?: string;
}

export type DiscoveryDialog = 'discover' | 'snapshots' | 'collector';

export interface DiscoverySlice {
  discovery: DiscoveryRun | null;
  shownDiscovery: ShownDiscovery | null;
  comparison: Comparison | null;
  discoveryDialog: DiscoveryDialog | null;
  /** The open for which the admin hid the offline banner. */
  offlineBannerHiddenFor: number | null;
  openDiscoveryDialog(dialog: DiscoveryDialog): void;
  closeDiscoveryDialog(): void;
  discoveryStarted(target: DiscoveryTarget): void;
  discoveryIdentified(discoveryId: string): void;
  /** Progress of the discovery going on; events of any other discovery are ignored. */
  discoveryProgress(event: Extract<DiscoveryEvent, { type: 'progress' }>): void;
  discoveryFinished(outcome: { snapshotPath?: string; incomplete?: string[]; error?: string }): void;
  /** The discovery's snapshot is now the deployment on screen. */
  discoveryShown(shown: Omit<ShownDiscovery, 'openSeq'>): void;
  compareWith(other: Omit<Comparison, 'openSeq'>): void;
  clearComparison(): void;
  hideOfflineBanner(): void;
}

export const createDiscoverySlice: StateCreator<AppState, [], [], DiscoverySlice> = (set) => ({
  discovery: null,
  shownDiscovery: null,
  comparison: null,
  discoveryDialog: null,
  offlineBannerHiddenFor: null,
  openDiscoveryDialog: (discoveryDialog) => set({ discoveryDialog }),
  closeDiscoveryDialog: () => set({ discoveryDialog: null }),
  discoveryStarted: (target) => set({ discovery: startedRun(target) }),
  discoveryIdentified: (id) => set((s) => (s.discovery && s.discovery.id === null ? { discovery: { ...s.discovery, id } } : {})),
  discoveryProgress: (event) =>
    set((s) => (s.discovery && s.discovery.id === event.discoveryId && !s.discovery.finished ? { discovery: applyProgress(s.discovery, event) } : {})),
  discoveryFinished: (outcome) =>
    set((s) =>
      s.discovery
        ? {
            discovery: {
              ...s.discovery,
              finished: true,
              ...(outcome.snapshotPath ? { snapshotPath: outcome.snapshotPath } : {}),
              ...(outcome.incomplete && outcome.incomplete.length > 0 ? { incomplete: outcome.incomplete } : {}),
              ...(outcome.error ? { error: outcome.error } : {}),
            },
          }
        : {},
    ),
  discoveryShown: (shown) => set((s) => ({ shownDiscovery: { ...shown, openSeq: s.openSeq } })),
  compareWith: (other) => set((s) => ({ comparison: { ...other, openSeq: s.openSeq } })),
  clearComparison: () => set({ comparison: null }),
  hideOfflineBanner: () => set((s) => ({ offlineBannerHiddenFor: s.openSeq })),
});
