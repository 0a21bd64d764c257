/**
 * The long operations the status bar shows with a progress bar: the store's list, an open that
 * stays busy from the request until the graph reports it drawn, an export while it runs — and the
 * error banner's message when one fails: readable, with what to do next.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useAppStore } from '../../../src/renderer/store/store';
import { whileBusy } from '../../../src/renderer/store/busy';
import { readableMessage, withNextStep } from '../../../src/renderer/store/error-message';
import { exportDiagram, exportPng, openPath, saveSnapshot } from '../../../src/renderer/store/actions';
import { setGraphHandle } from '../../../src/renderer/graph/graph-handle';
import { openDemo } from '../../../src/main/services/open-source';

const store = () => useAppStore.getState();
const labels = () => store().busy.map((t) => t.label);

/** A promise the test settles when it chooses, standing in for main's answer. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets pending promise callbacks (and the zero-delay paint wait) run. */
const settle = () => new Promise((r) => setTimeout(r, 5));

const api: Record<string, ReturnType<typeof vi.fn>> = {};

beforeEach(() => {
  useAppStore.setState({ busy: [], errors: [], toasts: [], opening: false });
  for (const name of ['topology.openPath', 'positions.get', 'graph.exportPng', 'diagram.export', 'snapshot.save']) api[name] = vi.fn();
  api['positions.get']!.mockResolvedValue(null);
  vi.stubGlobal('window', { api });
  vi.stubGlobal('requestAnimationFrame', (cb: () => void) => setTimeout(cb, 0));
});

afterEach(() => {
  vi.unstubAllGlobals();
  setGraphHandle(null);
});

describe('the busy list', () => {
  it('keeps each operation until it ends, in the order they started, and relabels one by id', () => {
    const open = store().startBusy('Opening a deployment');
    const save = store().startBusy('Saving the snapshot');
    store().relabelBusy(open, 'Opening big.xml: drawing 2000 pools');
    expect(labels()).toEqual(['Opening big.xml: drawing 2000 pools', 'Saving the snapshot']);
    store().endBusy(open);
    expect(labels()).toEqual(['Saving the snapshot']);
    store().endBusy(open); // ended twice (a finally after an error): nothing else goes
    expect(labels()).toEqual(['Saving the snapshot']);
    store().endBusy(save);
    expect(store().busy).toEqual([]);
  });

  it('whileBusy shows the label while the work runs and takes it away when it fails', async () => {
    const work = deferred<void>();
    const running = whileBusy('Exporting the runbook (HTML)', () => work.promise);
    expect(labels()).toEqual(['Exporting the runbook (HTML)']);
    work.reject(new Error('Cannot write /r/runbook.html: permission denied'));
    await expect(running).rejects.toThrow('permission denied');
    expect(store().busy).toEqual([]);
  });
});

describe('opening', () => {
  it('is busy from the request until the graph reports the new deployment drawn, not just until main answers', async () => {
    const answer = deferred<unknown>();
    api['topology.openPath']!.mockReturnValue(answer.promise);
    const opened = openPath('C:\\topologies\\big.xml');
    expect(labels()).toEqual(['Opening big.xml']);
    expect(store().opening).toBe(true);

    const result = openDemo();
    answer.resolve(result);
    await vi.waitFor(() => expect(store().deployment).toBe(result.deployment));
    const pools = result.deployment.topology.pools.length;
    expect(labels()).toEqual([`Opening ${result.deployment.source.name}: drawing ${pools} pools`]);

    // Main has answered and the store holds the deployment; the graph is still laying it out.
    await settle();
    expect(store().opening).toBe(true);
    expect(store().busy).toHaveLength(1);

    store().graphDrawn(store().openSeq);
    await opened;
    expect(store().busy).toEqual([]);
    expect(store().opening).toBe(false);
  });

  it('a cancelled dialog or a failed open ends the progress, and the failure reads as a sentence with what to do next', async () => {
    api['topology.openPath']!.mockRejectedValue(
      new Error("Error invoking remote method 'topology.openPath': Error: Cannot open /t/big.xml: permission denied\n    at Session.<anonymous> (node:electron/js2c/browser_init:2:107280)"),
    );
    await openPath('/t/big.xml');
    expect(store().busy).toEqual([]);
    expect(store().opening).toBe(false);
    expect(store().errors.map((e) => e.message)).toEqual([
      'Cannot open /t/big.xml: permission denied. Nothing was opened: open another file, or correct this one and open it again.',
    ]);
  });
});

describe('saving and exporting', () => {
  beforeEach(() => {
    store().loaded(openDemo(), null);
    store().graphDrawn(store().openSeq);
    setGraphHandle({ positions: () => ({}), nodePositions: () => ({ 'pool1.contoso.com': { x: 10, y: 20 } }), pngBase64: () => 'iVBORw0KGgo=', fit: () => {}, relayout: () => {} });
  });

  it('the PNG export shows its progress until main has written the file, then says where it went', async () => {
    const written = deferred<{ path: string } | null>();
    api['graph.exportPng']!.mockReturnValue(written.promise);
    const exporting = exportPng();
    expect(labels()).toEqual(['Exporting the graph image']);
    await vi.waitFor(() => expect(api['graph.exportPng']).toHaveBeenCalled());
    expect(labels()).toEqual(['Exporting the graph image']);
    written.resolve({ path: '/w/graph.png' });
    await exporting;
    expect(store().busy).toEqual([]);
    expect(store().toasts.map((t) => t.message)).toEqual(['Graph image saved to /w/graph.png']);
  });

  it('the diagram export sends the deployment shown, the format and the positions on screen, shows its progress, then says where it went', async () => {
    const written = deferred<{ path: string } | null>();
    api['diagram.export']!.mockReturnValue(written.promise);
    const exporting = exportDiagram('drawio');
    expect(labels()).toEqual(['Exporting the draw.io diagram']);
    await vi.waitFor(() =>
      expect(api['diagram.export']).toHaveBeenCalledWith({ deployment: store().deployment, format: 'drawio', positions: { 'pool1.contoso.com': { x: 10, y: 20 } } }),
    );
    written.resolve({ path: '/w/demo.drawio' });
    await exporting;
    expect(store().busy).toEqual([]);
    expect(store().toasts.map((t) => t.message)).toEqual(['draw.io diagram saved to /w/demo.drawio']);
  });

  it('the what-if in effect travels with the diagram export unless the admin turned it off', async () => {
    api['diagram.export']!.mockResolvedValue({ path: '/w/demo.svg' });
    store().setComponentDown({ kind: 'pool', fqdn: 'pool1.contoso.com' }, true);
    await exportDiagram('svg');
    expect(api['diagram.export']).toHaveBeenLastCalledWith(expect.objectContaining({ scenario: store().scenario }));
    expect(store().toasts.at(-1)!.message).toBe('SVG diagram saved to /w/demo.svg, with the what-if as its own layer');
    store().setWhatIfOnDiagrams(false);
    await exportDiagram('svg');
    expect(api['diagram.export']).toHaveBeenLastCalledWith(expect.not.objectContaining({ scenario: expect.anything() }));
    store().setWhatIfOnDiagrams(true);
  });

  it('a diagram main refuses says why and what to do', async () => {
    api['diagram.export']!.mockRejectedValue(new Error('The diagram was not exported: "x" is not a node of demo, the deployment drawn. Reopen it and export again.'));
    await exportDiagram('svg');
    expect(store().busy).toEqual([]);
    expect(store().errors.map((e) => e.message)).toEqual([
      'The diagram was not exported: "x" is not a node of demo, the deployment drawn. Reopen it and export again. The diagram was not saved: export it again, to another folder if this one cannot be written.',
    ]);
  });

  it('a snapshot that cannot be written says so and what to do, and the progress ends', async () => {
    api['snapshot.save']!.mockRejectedValue(new Error('Cannot write /ro/demo.poolpilot: the disk is read-only'));
    await saveSnapshot();
    expect(store().busy).toEqual([]);
    expect(store().errors.map((e) => e.message)).toEqual([
      'Cannot write /ro/demo.poolpilot: the disk is read-only. The snapshot was not saved: save it again, to another folder if this one cannot be written.',
    ]);
  });

  it('does not save or export a graph that is still being drawn for a deployment opening', async () => {
    store().setOpening(true);
    await saveSnapshot();
    await exportPng();
    expect(api['snapshot.save']).not.toHaveBeenCalled();
    expect(api['graph.exportPng']).not.toHaveBeenCalled();
    expect(store().toasts.at(-1)?.message).toMatch(/opening: try again once its graph is drawn/);
  });
});

describe('readable messages', () => {
  it('keeps main’s message, multi-line ones whole, and drops Electron’s wrapper, error class names and stack frames', () => {
    expect(readableMessage(new Error('notes.xml is not a topology document\nsecond problem'))).toBe('notes.xml is not a topology document\nsecond problem');
    expect(readableMessage(new TypeError('Failed to fetch\n    at open (app.js:1:2)'))).toBe('Failed to fetch');
    expect(readableMessage(new Error("Error invoking remote method 'graph.exportPng': Error: An object could not be cloned."))).toBe('An object could not be cloned.');
    expect(readableMessage({ weird: true })).toBe('It failed without saying why.');
    expect(withNextStep(new Error('Done badly!'), 'Try again.')).toBe('Done badly! Try again.');
  });
});
