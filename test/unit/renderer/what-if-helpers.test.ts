import { describe, expect, it } from 'vitest';
import { demoDeployment } from '../../../src/shared/demo/demo';
import { deriveRelations } from '../../../src/shared/model/relations';
import { applyScenario } from '../../../src/shared/scenario/apply';
import { validate } from '../../../src/shared/rules/validate';
import type { DownComponent, Scenario, ScenarioChange } from '../../../src/shared/scenario/types';
import { componentOfNode, describeDown, downMarks, instanceLabel, nodeOfComponent } from '../../../src/shared/scenario/down-marks';
import { citedProcedures } from '../../../src/renderer/whatif/citations';
import { nextHopInsertionIndex } from '../../../src/renderer/whatif/placement';
import { dropFeedback, reasonWithoutSubject } from '../../../src/renderer/whatif/drop-feedback';
import { whatIfOverlay } from '../../../src/renderer/whatif/overlay';
import { whatIfShortcut } from '../../../src/renderer/whatif/shortcuts';
import { elementLabel } from '../../../src/renderer/whatif/element-label';
import { mediaEdgeChoices, nextHopChoices } from '../../../src/renderer/whatif/dialog-options';
import { packBlocks } from '../../../src/renderer/graph/layout';

const POOL1 = 'pool1.contoso.com';
const POOL2 = 'pool2.contoso.com';
const EDGE1 = 'edgepool1.contoso.com';
const EDGE2 = 'edgepool2.contoso.com';

const scenario = (changes: ScenarioChange[], down: DownComponent[] = []): Scenario => ({ down, changes, applied: changes.length });
const failover = (pool: string): ScenarioChange => ({ kind: 'failoverPool', pool });
const nextHop = (edgePool: string, hop: string): ScenarioChange => ({ kind: 'reassignNextHop', edgePool, nextHop: hop });
const downPool = (fqdn: string): DownComponent => ({ kind: 'pool', fqdn });

describe('downMarks', () => {
  const d = demoDeployment();

  it('marks a pool marked down, and nothing else', () => {
    expect([...downMarks(d, [downPool(POOL1)])]).toEqual([[POOL1, '✕ DOWN']]);
    expect(downMarks(d, []).size).toBe(0);
  });

  it('marks a down site and every pool in it, saying why', () => {
    const marks = downMarks(d, [{ kind: 'site', siteId: 'Site2' }]);
    expect(marks.get('site:Site2')).toBe('✕ DOWN');
    expect(marks.get(POOL2)).toBe('✕ DOWN (site down)');
    expect(marks.get('sql2a.contoso.com')).toBe('✕ DOWN (site down)');
    expect(marks.has(POOL1)).toBe(false);
    expect(marks.has('site:Site1')).toBe(false);
  });

  it('marks the SQL pool holding a down store', () => {
    const marks = downMarks(d, [{ kind: 'sqlStore', instanceId: 'sql1a.contoso.com\\rtc' }]);
    expect([...marks]).toEqual([['sql1a.contoso.com', '✕ DOWN']]);
    // A pool holding another, running instance too says which one is down.
    const twoInstances = structuredClone(d);
    twoInstances.topology.pools.find((p) => p.fqdn === 'sql1a.contoso.com')!.sqlInstances.push('sql1a.contoso.com\\archive');
    expect(downMarks(twoInstances, [{ kind: 'sqlStore', instanceId: 'SQL1A.contoso.com\\RTC' }]).get('sql1a.contoso.com')).toBe('✕ DOWN (instance rtc)');
  });

  it('maps graph nodes to down marks and back, and names them', () => {
    expect(componentOfNode(d, POOL1)).toEqual(downPool(POOL1));
    expect(componentOfNode(d, 'site:Site1')).toEqual({ kind: 'site', siteId: 'Site1' });
    expect(componentOfNode(d, 'site:Nowhere')).toBeUndefined();
    expect(componentOfNode(d, `edgeNextHop:${EDGE1}->${POOL1}`)).toBeUndefined();
    expect(nodeOfComponent(d, { kind: 'sqlStore', instanceId: 'sql2b.contoso.com\\rtc' })).toBe('sql2b.contoso.com');
    expect(describeDown(d, { kind: 'site', siteId: 'Site1' })).toBe('Site Datacenter1 (Site1)');
    expect(describeDown(d, { kind: 'sqlStore', instanceId: 'sql2b.contoso.com\\rtc' })).toBe('SQL store sql2b.contoso.com\\rtc');
    expect(instanceLabel('sql1.contoso.com')).toBe('default instance');
  });
});

describe('citedProcedures', () => {
  it('lists each procedure a message cites once, in order, with its title', () => {
    expect(citedProcedures('P1 step 7: … reassign it before the failover (P0; P1 step 0).')).toEqual([
      { id: 'P1', title: 'Fail over a Front End pool' },
      { id: 'P0', title: "Reassign an Edge pool's next hop" },
    ]);
    expect(citedProcedures('Invoke-CsPoolFailover -PoolFQDN pool1 on port 5061')).toEqual([]);
  });
});

describe('nextHopInsertionIndex', () => {
  const d = demoDeployment();

  it('puts a reassignment before the failover it unblocks', () => {
    const s = scenario([{ kind: 'failoverCms' }, failover(POOL1)], [downPool(POOL1)]);
    expect(nextHopInsertionIndex(s, validate(d, s), EDGE1)).toBe(1);
  });

  it('appends it when no failover waits for it', () => {
    const s = scenario([failover(POOL2)]);
    // EdgePool2 waits on Pool2's failover; EdgePool1 does not.
    expect(nextHopInsertionIndex(s, validate(d, s), EDGE2)).toBe(0);
    expect(nextHopInsertionIndex(s, validate(d, s), EDGE1)).toBe(1);
  });
});

describe('dropFeedback', () => {
  it('names the pool once and says what dropping there would do, or why not', () => {
    expect(reasonWithoutSubject(POOL1, `${POOL1} is down`)).toBe('is down');
    expect(reasonWithoutSubject(POOL1, 'this scenario fails it over')).toBe('this scenario fails it over');
    expect(dropFeedback(EDGE1, { pool: POOL1, valid: false, reason: `${POOL1} is down`, sameSite: true }).text).toBe(`✕ ${POOL1}: is down`);
    expect(dropFeedback(EDGE1, { pool: POOL2, valid: true, sameSite: false })).toEqual({
      valid: true,
      text: `✓ Drop to make ${POOL2} the next hop of ${EDGE1} (another site: Set-CsEdgeServer)`,
    });
    expect(dropFeedback(EDGE1, { pool: POOL1, valid: true, sameSite: true }).text).toContain('same site: a Topology Builder change');
    expect(dropFeedback(EDGE1, undefined)).toMatchObject({ valid: false, text: expect.stringContaining('Esc cancels') });
  });
});

describe('whatIfOverlay', () => {
  it('names the edges the changes drew, and the down marks', () => {
    const d = demoDeployment();
    const relations = deriveRelations(d);
    expect(whatIfOverlay(d, relations, relations, []).proposed.size).toBe(0);
    const shown = deriveRelations(applyScenario(d, scenario([nextHop(EDGE1, POOL2), failover(POOL1)])));
    const overlay = whatIfOverlay(d, relations, shown, [downPool(POOL1)]);
    expect([...overlay.proposed].sort()).toEqual([`edgeNextHop:${EDGE1}->${POOL2}`, `failedOverTo:${POOL1}->${POOL2}`]);
    expect(overlay.down.get(POOL1)).toBe('✕ DOWN');
  });
});

describe('whatIfShortcut', () => {
  const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean }> = {}) =>
    whatIfShortcut({ key: k, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods });
  it('maps Ctrl+Z, Ctrl+Y, Ctrl+Shift+Z, ⌘Z and D', () => {
    expect(key('z', { ctrlKey: true })).toBe('undo');
    expect(key('Z', { ctrlKey: true, shiftKey: true })).toBe('redo');
    expect(key('y', { ctrlKey: true })).toBe('redo');
    expect(key('z', { metaKey: true })).toBe('undo');
    expect(key('d')).toBe('toggleDown');
    expect(key('D')).toBe('toggleDown');
    expect(key('d', { shiftKey: true })).toBeUndefined();
    expect(key('d', { ctrlKey: true, shiftKey: true })).toBeUndefined(); // Ctrl+Shift+D opens the demo
    expect(key('z', { ctrlKey: true, altKey: true })).toBeUndefined();
    expect(key('x')).toBeUndefined();
  });
});

describe('elementLabel', () => {
  it('names pools, sites and relation edges as the admin reads them', () => {
    const d = demoDeployment();
    expect(elementLabel(d, POOL1)).toBe(POOL1);
    expect(elementLabel(d, 'site:Site2')).toBe('Site Datacenter2');
    expect(elementLabel(d, `edgeNextHop:${EDGE1}->${POOL2}`)).toBe(`Edge next hop: ${EDGE1} → ${POOL2}`);
    expect(elementLabel(d, `xmppFederationRoute:site:Site1->${EDGE1}`)).toBe(`XMPP federation route: Site Datacenter1 → ${EDGE1}`);
  });
});

describe('dialog choices', () => {
  const d = demoDeployment();

  it('lists the registrars as next hops, the unusable ones disabled with their reason, and counts the rest', () => {
    const { options, leftOut } = nextHopChoices(d, scenario([], [downPool(POOL1)]), EDGE1);
    expect(options.map((o) => [o.value, o.disabled])).toEqual([
      [POOL2, false],
      [POOL1, true],
    ]);
    expect(options[0]!.detail).toBe('Front End pool in Datacenter2 · another site: Set-CsEdgeServer');
    expect(options[1]!.detail).toBe(`Front End pool in Datacenter1 · cannot: ${POOL1} is down`);
    expect(leftOut).toBe(10); // Edge, SQL and Persistent Chat pools
  });

  it('offers running Edge pools other than the current one for media', () => {
    expect(mediaEdgeChoices(d, scenario([]), POOL1).options.map((o) => [o.value, o.disabled])).toEqual([
      [EDGE2, false],
      [EDGE1, true],
    ]);
    const down = mediaEdgeChoices(d, scenario([], [downPool(EDGE2)]), POOL1).options;
    expect(down.find((o) => o.value === EDGE2)).toMatchObject({ disabled: true, detail: expect.stringContaining(`${EDGE2} is down`) });
  });
});

describe('packBlocks', () => {
  it('closes the lanes between sites: rows of `cols` blocks, `gap` apart, each row as tall as its tallest', () => {
    const boxes = [
      { x1: 0, y1: 0, w: 100, h: 50 },
      { x1: 400, y1: 30, w: 80, h: 90 },
      { x1: 10, y1: 500, w: 60, h: 40 },
    ];
    expect(packBlocks(boxes, 2, 20)).toEqual([
      { dx: 0, dy: 0 },
      { dx: -280, dy: -30 },
      { dx: -10, dy: -390 },
    ]);
  });
});
