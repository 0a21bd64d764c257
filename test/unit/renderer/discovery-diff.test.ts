import { describe, expect, it } from 'vitest';
import { demoDeployment } from '../../../src/shared/demo/demo';
import { applyChanges } from '../../../src/shared/scenario/apply';
import type { Deployment } from '../../../src/shared/model/types';
import { diffDeployments } from '../../../src/shared/discovery/diff';
import { diffMarks } from '../../../src/renderer/discovery/diff-marks';
import { changeLine, compareDeployments } from '../../../src/renderer/discovery/comparison';

function changed(edit: (d: Deployment) => void, from: Deployment = demoDeployment()): Deployment {
  const d = structuredClone(from);
  edit(d);
  return d;
}

const marksOf = (a: Deployment, b: Deployment) => diffMarks(a, b, diffDeployments(a, b));

describe('a comparison drawn on the graph', () => {
  it('marks nothing between a deployment and itself', () => {
    const m = marksOf(demoDeployment(), demoDeployment());
    expect([...m.nodes]).toEqual([]);
    expect(m.edges).toEqual([]);
  });

  it('draws a moved next hop as the old edge removed, the new one added and the Edge pool changed', () => {
    const before = demoDeployment();
    const after = applyChanges(before, [{ kind: 'reassignNextHop', edgePool: 'edgepool2.contoso.com', nextHop: 'pool1.contoso.com' }]);
    const m = marksOf(before, after);
    expect(m.edges).toEqual([
      {
        id: 'edgeNextHop:edgepool2.contoso.com->pool2.contoso.com',
        kind: 'edgeNextHop',
        source: 'edgepool2.contoso.com',
        target: 'pool2.contoso.com',
        mark: 'removed',
      },
      { id: 'edgeNextHop:edgepool2.contoso.com->pool1.contoso.com', kind: 'edgeNextHop', source: 'edgepool2.contoso.com', target: 'pool1.contoso.com', mark: 'added' },
    ]);
    expect(m.nodes.get('edgepool2.contoso.com')).toBe('changed');
    expect(m.nodes.has('pool2.contoso.com')).toBe(false);
  });

  it('marks added and removed pools as such, and a pool that gained a server as changed', () => {
    const before = demoDeployment();
    const after = changed((d) => {
      d.topology.pools = d.topology.pools.filter((p) => p.fqdn !== 'pchat1.contoso.com');
      d.topology.pools.find((p) => p.fqdn === 'pool1.contoso.com')!.machines.push('fe09.contoso.com');
      d.topology.pools.push({ fqdn: 'pool3.contoso.com', siteId: 'Site2', kind: 'FrontEnd', machines: ['fe31.contoso.com'], sqlInstances: [], roles: [] });
    });
    const m = marksOf(before, after);
    expect(m.nodes.get('pchat1.contoso.com')).toBe('removed');
    expect(m.nodes.get('pool3.contoso.com')).toBe('added');
    expect(m.nodes.get('pool1.contoso.com')).toBe('changed');
  });

  it('marks the pools that carry a moved route or the CMS, and a backup pair that lost a direction as a changed edge', () => {
    const before = demoDeployment();
    const after = changed((d) => {
      d.state.sipFederationRoutes = ['edgepool2.contoso.com'];
      d.state.cmsActivePool = 'pool2.contoso.com';
      d.state.backupPools = { 'pool1.contoso.com': 'pool2.contoso.com' };
      d.state.persistentChat['pchat1.contoso.com']!.poolState = 'FailedOver';
    });
    const m = marksOf(before, after);
    for (const pool of ['edgepool1.contoso.com', 'edgepool2.contoso.com', 'pool1.contoso.com', 'pool2.contoso.com', 'pchat1.contoso.com']) {
      expect(m.nodes.get(pool), pool).toBe('changed');
    }
    expect(m.edges).toEqual([expect.objectContaining({ id: 'backupPool:pool1.contoso.com->pool2.contoso.com', mark: 'changed' })]);
  });

  it('draws failed-over users as a new edge from the home pool', () => {
    const after = changed((d) => {
      d.state.failedOver = { 'pool1.contoso.com': 'pool2.contoso.com' };
    });
    const m = marksOf(demoDeployment(), after);
    expect(m.edges).toEqual([expect.objectContaining({ id: 'failedOverTo:pool1.contoso.com->pool2.contoso.com', mark: 'added' })]);
    expect(m.nodes.get('pool1.contoso.com')).toBe('changed');
  });
});

describe('comparing the deployment on screen with another', () => {
  const older = changed((d) => {
    d.state.cmsActivePool = 'pool2.contoso.com';
  });

  it('puts the older one first, whichever is on screen, so "added" means added since', () => {
    const onScreenIsNewer = compareDeployments(
      { name: 'today.poolpilot', takenAt: '2024-05-03T10:00:00Z', deployment: demoDeployment() },
      { name: 'monday.poolpilot', takenAt: '2024-04-29T10:00:00Z', deployment: older },
    );
    expect([onScreenIsNewer.before.name, onScreenIsNewer.after.name]).toEqual(['monday.poolpilot', 'today.poolpilot']);
    expect(onScreenIsNewer.after.shown).toBe(true);
    expect(onScreenIsNewer.entries).toEqual([{ kind: 'cmsActive', subject: 'Central Management Server', before: 'pool2.contoso.com', after: 'pool1.contoso.com' }]);

    const onScreenIsOlder = compareDeployments(
      { name: 'monday.poolpilot', takenAt: '2024-04-29T10:00:00Z', deployment: older },
      { name: 'today.poolpilot', takenAt: '2024-05-03T10:00:00Z', deployment: demoDeployment() },
    );
    expect(onScreenIsOlder.before.shown).toBe(true);
    expect(onScreenIsOlder.entries).toEqual(onScreenIsNewer.entries);
  });

  it('takes an undated deployment on screen (the demo, a topology file) as now', () => {
    const view = compareDeployments({ name: 'demo', deployment: demoDeployment() }, { name: 'monday.poolpilot', takenAt: '2024-04-29T10:00:00Z', deployment: older });
    expect(view.after.name).toBe('demo');
  });

  it('says each change in words, pointing at the element on the graph', () => {
    const after = changed((d) => {
      d.state.xmppRoutes = { Site1: 'edgeserver2.contoso.com' };
      d.state.failedOver = { 'pool1.contoso.com': 'pool2.contoso.com' };
    });
    const view = compareDeployments({ name: 'now', deployment: after }, { name: 'then', takenAt: '2024-04-29T10:00:00Z', deployment: demoDeployment() });
    expect(view.entries.map((e) => changeLine(e, view))).toEqual([
      {
        what: 'XMPP federation route of site Datacenter1 (Site1)',
        before: 'edgeserver1.contoso.com',
        after: 'edgeserver2.contoso.com',
        elementId: 'site:Site1',
      },
      { what: 'Users of pool1.contoso.com served by', before: '(none)', after: 'pool2.contoso.com', elementId: 'pool1.contoso.com' },
    ]);
  });
});
