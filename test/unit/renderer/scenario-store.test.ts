/** The store's what-if slice, driven as the panels and the graph drive it. */
import { beforeEach, describe, expect, it } from 'vitest';
import { useAppStore } from '../../../src/renderer/store/store';
import { setBackupPool } from '../../../src/renderer/store/state-edits';
import { openDemo } from '../../../src/main/services/open-source';
import { deriveRelations } from '../../../src/shared/model/relations';

const POOL1 = 'pool1.contoso.com';
const POOL2 = 'pool2.contoso.com';
const EDGE1 = 'edgepool1.contoso.com';
const store = () => useAppStore.getState();
const rules = () => store().findings.map((f) => f.rule);
const nextHopOf = (edge: string) =>
  store().shownRelations.filter((r) => r.kind === 'edgeNextHop' && r.from === edge).map((r) => r.to);

beforeEach(() => {
  store().loaded(openDemo(), null);
});

describe('the what-if slice', () => {
  it('opens with an empty scenario and the deployment as it is', () => {
    expect(store().scenario).toEqual({ down: [], changes: [], applied: 0 });
    expect(store().shown).toBe(store().deployment);
    expect(store().findings).toEqual([]);
    expect(store().dirty).toBe(false);
  });

  it('validates after each edit and shows the deployment as the changes leave it', () => {
    store().setComponentDown({ kind: 'pool', fqdn: POOL1 }, true);
    store().proposeChange({ kind: 'failoverPool', pool: POOL1 });
    expect(rules()).toContain('failover-edge-next-hop');
    expect(store().shown?.state.failedOver).toEqual({ [POOL1]: POOL2 });
    expect(store().dirty).toBe(true);
    expect(store().sideTab).toBe('whatIf');

    // Dropped after the failover, the reassignment still runs before it.
    store().proposeChange({ kind: 'reassignNextHop', edgePool: EDGE1, nextHop: POOL2 });
    expect(store().scenario.changes.map((c) => c.kind)).toEqual(['reassignNextHop', 'failoverPool']);
    expect(rules()).not.toContain('failover-edge-next-hop');
    expect(nextHopOf(EDGE1)).toEqual([POOL2]);
    expect(store().changeNotice).toEqual({
      edgePool: EDGE1,
      nextHop: POOL2,
      action: { kind: 'cmdlet', command: `Set-CsEdgeServer -Identity 'EdgeServer:${EDGE1}' -Registrar 'Registrar:${POOL2}'` },
    });

    store().undoScenario();
    expect(rules()).toContain('failover-edge-next-hop');
    expect(nextHopOf(EDGE1)).toEqual([POOL1]);
    expect(store().changeNotice).toBeNull();
    store().redoScenario();
    expect(rules()).not.toContain('failover-edge-next-hop');
    store().undoScenario();
    store().undoScenario();
    store().undoScenario();
    expect(store().scenario.down).toEqual([]);
    expect(store().past).toEqual([]);
  });

  it('applies a quick fix where it belongs, and says what a next-hop fix takes', () => {
    store().setComponentDown({ kind: 'pool', fqdn: POOL1 }, true);
    store().proposeChange({ kind: 'failoverPool', pool: POOL1 });
    const blocker = store().findings.find((f) => f.rule === 'failover-edge-next-hop')!;
    store().applyQuickFix(blocker.fixes[0]!);
    expect(store().scenario.changes[0]).toEqual({ kind: 'reassignNextHop', edgePool: EDGE1, nextHop: POOL2 });
    expect(store().changeNotice?.action.kind).toBe('cmdlet');
    expect(store().past).toHaveLength(3);
  });

  it('highlights a finding’s elements in place of the selection, until something is selected', () => {
    store().select(POOL2);
    store().setComponentDown({ kind: 'pool', fqdn: POOL1 }, true);
    store().proposeChange({ kind: 'failoverPool', pool: POOL1 });
    const index = store().findings.findIndex((f) => f.rule === 'failover-edge-next-hop');
    store().focusFinding(index);
    expect(store().findingFocus).toMatchObject({ index, elements: [EDGE1, POOL1] });
    expect(store().selectedId).toBeNull();
    store().select(POOL2);
    expect(store().findingFocus).toBeNull();
  });

  it('re-validates when the admin edits the deployment state', () => {
    store().proposeChange({ kind: 'failoverPool', pool: POOL2 });
    expect(rules()).not.toContain('failover-backup-pool');
    store().editState((s) => setBackupPool(s, POOL2, null));
    expect(rules()).toContain('failover-backup-pool');
    expect(store().scenario.changes).toHaveLength(1);
  });

  it('opens a saved scenario, its unapplied changes as redo steps, with no undo history', () => {
    const opened = openDemo();
    store().loaded(
      {
        ...opened,
        scenario: {
          down: [{ kind: 'pool', fqdn: POOL1 }],
          changes: [
            { kind: 'reassignNextHop', edgePool: EDGE1, nextHop: POOL2 },
            { kind: 'failoverPool', pool: POOL1 },
          ],
          applied: 1,
        },
      },
      null,
    );
    expect(store().scenario.changes).toHaveLength(1);
    expect(store().past).toEqual([]);
    expect(store().future).toHaveLength(1);
    expect(nextHopOf(EDGE1)).toEqual([POOL2]);
    store().redoScenario();
    expect(store().shown?.state.failedOver).toEqual({ [POOL1]: POOL2 });
    // Opening another deployment drops the scenario.
    store().loaded(openDemo(), null);
    expect(store().scenario.changes).toEqual([]);
    expect(store().shownRelations).toEqual(deriveRelations(store().deployment!));
  });
});
