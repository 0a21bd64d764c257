/**
 * What the toolbar, menu and drop target do: call main through `window.api`, put the answer in the
 * store, and turn a rejection into a readable error banner (the bridge rejects with the message alone).
 */
import type { OpenResult, Positions } from '../../shared/ipc/contract';
import { graphHandle } from '../graph/graph-handle';
import type { Proposal } from '../whatif/proposals';
import { useAppStore } from './store';

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Runs an action, showing its failure in the error banner instead of throwing. */
async function guarded(action: () => Promise<void>): Promise<void> {
  try {
    await action();
  } catch (err) {
    useAppStore.getState().fail(messageOf(err));
  }
}

/** `layout`: positions to use when none are saved for the result (the same deployment, changed). */
async function open(request: () => Promise<OpenResult | null>, layout?: Positions): Promise<void> {
  const store = useAppStore.getState();
  store.setOpening(true);
  try {
    await guarded(async () => {
      const result = await request();
      if (result === null) return; // the admin cancelled the dialog
      // Missing saved positions only mean a fresh layout; a failure here must not block the open.
      const saved = await window.api['positions.get']({ key: result.positionsKey }).catch(() => null);
      useAppStore.getState().loaded(result, saved ?? layout ?? null);
    });
  } finally {
    useAppStore.getState().setOpening(false);
  }
}

export const openDemo = () => open(() => window.api['topology.openDemo']());
export const openDialog = () => open(() => window.api['topology.openDialog']());
export const openPath = (path: string) => open(() => window.api['topology.openPath']({ path }));
/**
 * Shows a deployment main already read (a discovery, the state after a run), as any opened one;
 * `layout` keeps the graph's arrangement when the result has none saved of its own.
 */
export const openResult = (result: OpenResult, layout?: Positions) => open(async () => result, layout);

export async function openDroppedFile(file: File): Promise<void> {
  const path = window.poolpilotFiles?.pathOf(file);
  await open(async () => {
    const data = new Uint8Array(await file.arrayBuffer());
    return window.api['topology.openBytes']({ fileName: file.name, data, ...(path ? { path } : {}) });
  });
}

export const saveSnapshot = () =>
  guarded(async () => {
    const { deployment, scenario } = useAppStore.getState();
    if (!deployment) return;
    const positions = graphHandle()?.positions();
    // The what-if scenario travels with the snapshot when there is one to keep.
    const keep = scenario.down.length > 0 || scenario.changes.length > 0;
    const saved = await window.api['snapshot.save']({ deployment, ...(positions ? { positions } : {}), ...(keep ? { scenario } : {}) });
    if (saved === null) return;
    useAppStore.getState().markSaved();
    useAppStore.getState().notify(`Snapshot saved to ${saved.path}`);
  });

export const exportPng = () =>
  guarded(async () => {
    const handle = graphHandle();
    if (!handle || !useAppStore.getState().deployment) return;
    const saved = await window.api['graph.exportPng']({ pngBase64: handle.pngBase64() });
    if (saved !== null) useAppStore.getState().notify(`Graph image saved to ${saved.path}`);
  });

export const savePositions = (key: string, positions: Record<string, { x: number; y: number }>) =>
  guarded(async () => {
    await window.api['positions.save']({ key, positions });
  });

export const listRecent = () => window.api['recent.list']();

/** Carries out a what-if action from the inspector or the graph's menu. */
export function runProposal(p: Proposal): void {
  const store = useAppStore.getState();
  switch (p.kind) {
    case 'down':
      store.setComponentDown(p.component, p.down);
      break;
    case 'change':
      store.proposeChange(p.change);
      break;
    case 'dialog':
      store.openProposalDialog(p.dialog);
      break;
  }
}
