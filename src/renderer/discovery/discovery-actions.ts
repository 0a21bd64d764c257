/**
 * What the discovery dialogs do: start a discovery and follow its events until the snapshot it
 * saved is on screen, open or compare a kept snapshot, compare with a file, export the collector.
 * Everything goes through `window.api` intents. A discovery's failure is kept with it; the others
 * reject with main's message, which the dialog that asked shows.
 */
import { useEffect } from 'react';
import type { DiscoveryEvent } from '../../shared/discovery/events';
import type { KeptSnapshot, OpenResult } from '../../shared/ipc/contract';
import { openPath, openResult } from '../store/actions';
import type { DiscoveryTarget } from '../store/discovery-slice';
import { useAppStore } from '../store/store';
import { readableMessage } from '../store/error-message';

/**
 * Events that arrive before 'discovery.start' has answered with the id (main may report the first
 * query before its answer reaches the window): kept, then replayed once the id is known.
 */
let early: DiscoveryEvent[] = [];

export async function startDiscovery(target: DiscoveryTarget): Promise<void> {
  const store = useAppStore.getState();
  if (store.discovery && !store.discovery.finished) return;
  early = [];
  store.discoveryStarted(target);
  try {
    // The lab is seeded from the deployment on screen (as opened, without a what-if applied).
    const seed = target.kind === 'lab' && store.deployment ? { deployment: store.deployment } : {};
    const { discoveryId } = await window.api['discovery.start']({ environment: target, ...seed });
    useAppStore.getState().discoveryIdentified(discoveryId);
    const waiting = early;
    early = [];
    for (const event of waiting) if (event.discoveryId === discoveryId) void onDiscoveryEvent(event);
  } catch (err) {
    useAppStore.getState().discoveryFinished({ error: readableMessage(err) });
  }
}

async function onDiscoveryEvent(event: DiscoveryEvent): Promise<void> {
  const run = useAppStore.getState().discovery;
  if (!run || run.finished) return;
  if (run.id === null) {
    early.push(event);
    return;
  }
  if (event.discoveryId !== run.id) return;
  if (event.type === 'progress') {
    useAppStore.getState().discoveryProgress(event);
    return;
  }
  const { result, error } = event;
  useAppStore.getState().discoveryFinished({
    ...(result ? { snapshotPath: result.snapshotPath, ...(result.incomplete ? { incomplete: result.incomplete } : {}) } : {}),
    ...(error ? { error } : !result ? { error: 'The discovery ended without a snapshot.' } : {}),
  });
  if (result) await showDiscovered(result, run.target);
}

/** The saved snapshot becomes the deployment on screen, and the window remembers it came from this discovery. */
async function showDiscovered(result: OpenResult & { snapshotPath: string; incomplete?: string[] }, target: DiscoveryTarget): Promise<void> {
  await openResult(result);
  const store = useAppStore.getState();
  if (store.deployment !== result.deployment) return; // the open failed (its error is shown) or another one won
  store.discoveryShown({ target, snapshotPath: result.snapshotPath, incomplete: result.incomplete ?? [] });
}

/** Follows discovery events for as long as the window lives (App mounts it once). */
export function useDiscoveryEvents(): void {
  useEffect(() => window.poolpilotEvents?.on('discovery.event', (event) => void onDiscoveryEvent(event)), []);
}

export const listSnapshots = () => window.api['snapshots.list']();

export function openKeptSnapshot(snapshot: KeptSnapshot): Promise<void> {
  useAppStore.getState().closeDiscoveryDialog();
  return openPath(snapshot.path);
}

function compare(result: OpenResult, name: string): void {
  const store = useAppStore.getState();
  store.compareWith({ other: result.deployment, name, ...(result.takenAt ? { takenAt: result.takenAt } : {}) });
  store.closeDiscoveryDialog();
}

/** Reads a kept snapshot (without opening it) and compares the deployment on screen with it. Rejects with main's message. */
export async function compareWithKept(snapshot: KeptSnapshot): Promise<void> {
  compare(await window.api['snapshots.read']({ path: snapshot.path }), snapshot.name);
}

/**
 * Compares with any snapshot or collector file the admin picks. Its bytes are read by main's
 * importer like a dropped file's, but it is not opened and no path travels, so it stays out of
 * the recent files.
 */
export async function compareWithFile(file: File): Promise<void> {
  const data = new Uint8Array(await file.arrayBuffer());
  compare(await window.api['topology.openBytes']({ fileName: file.name, data }), file.name);
}

export const collectorText = () => window.api['collector.text']();

/** Saves a copy of the collector (save dialog in main): its path, or null when cancelled. */
export const exportCollector = () => window.api['collector.export']();
