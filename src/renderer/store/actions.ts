/**
 * What the toolbar, menu and drop target do: call main through `window.api`, put the answer in the
 * store, show the long ones in the status bar while they run, and turn a rejection into a readable
 * error banner with what to do next (the bridge rejects with main's message alone).
 */
import type { DiagramFormat, OpenResult, Positions } from '../../shared/ipc/contract';
import { graphHandle } from '../graph/graph-handle';
import type { Proposal } from '../whatif/proposals';
import { useAppStore } from './store';
import { afterPaint, whileBusy } from './busy';
import { withNextStep } from './error-message';
import { hasEffect } from '../../shared/scenario/edit';

const NEXT_STEP = {
  open: 'Nothing was opened: open another file, or correct this one and open it again.',
  snapshot: 'The snapshot was not saved: save it again, to another folder if this one cannot be written.',
  png: 'The image was not saved: export it again, to another folder if this one cannot be written.',
  diagram: 'The diagram was not saved: export it again, to another folder if this one cannot be written.',
  positions: 'The arrangement of the graph will not be remembered for this topology; nothing else is affected.',
};

/** Runs an action, showing its failure in the error banner, with `nextStep`, instead of throwing. */
async function guarded(action: () => Promise<void>, nextStep: string): Promise<void> {
  try {
    await action();
  } catch (err) {
    useAppStore.getState().fail(withNextStep(err, nextStep));
  }
}

function fileName(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}

/** Resolves once the graph has drawn the deployment opened as `openSeq` (GraphView reports it), or a later one. */
function graphDrawn(openSeq: number): Promise<void> {
  return new Promise((resolve) => {
    const unsubscribe = useAppStore.subscribe((s) => {
      if (s.drawnSeq < openSeq) return;
      unsubscribe();
      resolve();
    });
    if (useAppStore.getState().drawnSeq >= openSeq) {
      unsubscribe();
      resolve();
    }
  });
}

/**
 * Opens what `request` answers, showing "Opening …" from the request until the graph is drawn:
 * for a big deployment, laying it out and drawing it takes longer than reading it.
 * `layout`: positions to use when none are saved for the result (the same deployment, changed).
 */
async function open(request: () => Promise<OpenResult | null>, what: string, layout?: Positions): Promise<void> {
  useAppStore.getState().setOpening(true);
  try {
    await whileBusy(`Opening ${what}`, (task) =>
      guarded(async () => {
        const result = await request();
        if (result === null) return; // the admin cancelled the dialog
        // Missing saved positions only mean a fresh layout; a failure here must not block the open.
        const saved = await window.api['positions.get']({ key: result.positionsKey }).catch(() => null);
        const pools = result.deployment.topology.pools.length;
        useAppStore.getState().relabelBusy(task, `Opening ${result.deployment.source.name}: drawing ${pools} ${pools === 1 ? 'pool' : 'pools'}`);
        await afterPaint();
        useAppStore.getState().loaded(result, saved ?? layout ?? null);
        await graphDrawn(useAppStore.getState().openSeq);
      }, NEXT_STEP.open),
    );
  } finally {
    useAppStore.getState().setOpening(false);
  }
}

export const openDemo = () => open(() => window.api['topology.openDemo'](), 'the demo deployment');
export const openDialog = () => open(() => window.api['topology.openDialog'](), 'a deployment');
export const openPath = (path: string) => open(() => window.api['topology.openPath']({ path }), fileName(path));
/**
 * Shows a deployment main already read (a discovery, the state after a run), as any opened one;
 * `layout` keeps the graph's arrangement when the result has none saved of its own.
 */
export const openResult = (result: OpenResult, layout?: Positions) => open(async () => result, result.deployment.source.name, layout);

export async function openDroppedFile(file: File): Promise<void> {
  const path = window.poolpilotFiles?.pathOf(file);
  await open(async () => {
    // The browser's own reason ("NotReadableError") names neither the file nor what to do.
    const bytes = await file.arrayBuffer().catch(() => {
      throw new Error(`Cannot read ${file.name}: it is a folder, or it was moved or locked after it was dropped`);
    });
    return window.api['topology.openBytes']({ fileName: file.name, data: new Uint8Array(bytes), ...(path ? { path } : {}) });
  }, file.name);
}

/** Saving or exporting while a deployment opens would take a graph that is not yet the one opening (Ctrl+S, Ctrl+E). */
function waitingForOpen(): boolean {
  const store = useAppStore.getState();
  if (store.opening) store.notify('A deployment is opening: try again once its graph is drawn.');
  return store.opening;
}

export const saveSnapshot = () =>
  guarded(async () => {
    const { deployment, scenario } = useAppStore.getState();
    if (!deployment || waitingForOpen()) return;
    await whileBusy('Saving the snapshot', async () => {
      const positions = graphHandle()?.positions();
      // The what-if scenario travels with the snapshot when there is one to keep.
      const keep = scenario.down.length > 0 || scenario.changes.length > 0;
      const saved = await window.api['snapshot.save']({ deployment, ...(positions ? { positions } : {}), ...(keep ? { scenario } : {}) });
      if (saved === null) return;
      useAppStore.getState().markSaved();
      useAppStore.getState().notify(`Snapshot saved to ${saved.path}`);
    });
  }, NEXT_STEP.snapshot);

export const exportPng = () =>
  guarded(async () => {
    const handle = graphHandle();
    if (!handle || !useAppStore.getState().deployment || waitingForOpen()) return;
    await whileBusy('Exporting the graph image', async () => {
      // Drawing a big graph as an image holds the page for a while: let the progress bar show first.
      await afterPaint();
      const saved = await window.api['graph.exportPng']({ pngBase64: handle.pngBase64() });
      if (saved !== null) useAppStore.getState().notify(`Graph image saved to ${saved.path}`);
    });
  }, NEXT_STEP.png);

export const DIAGRAM_LABELS = { drawio: 'draw.io', svg: 'SVG' } as const;

/**
 * The deployment diagram as draw.io or SVG, laid out as on screen: the window sends the deployment
 * it shows (the model), the nodes' positions and, unless the admin turned it off, the what-if
 * scenario; main draws the file from them and writes it.
 */
export const exportDiagram = (format: DiagramFormat) =>
  guarded(async () => {
    const handle = graphHandle();
    const { deployment, scenario, whatIfOnDiagrams } = useAppStore.getState();
    if (!handle || !deployment || waitingForOpen()) return;
    const withWhatIf = whatIfOnDiagrams && hasEffect(scenario);
    await whileBusy(`Exporting the ${DIAGRAM_LABELS[format]} diagram`, async () => {
      await afterPaint();
      const saved = await window.api['diagram.export']({ deployment, format, positions: handle.nodePositions(), ...(withWhatIf ? { scenario } : {}) });
      if (saved !== null) useAppStore.getState().notify(`${DIAGRAM_LABELS[format]} diagram saved to ${saved.path}${withWhatIf ? ', with the what-if as its own layer' : ''}`);
    });
  }, NEXT_STEP.diagram);

export const savePositions = (key: string, positions: Record<string, { x: number; y: number }>) =>
  guarded(async () => {
    await window.api['positions.save']({ key, positions });
  }, NEXT_STEP.positions);

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
