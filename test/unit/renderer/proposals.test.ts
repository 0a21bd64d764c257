import { describe, expect, it } from 'vitest';
import { demoDeployment } from '../../../src/shared/demo/demo';
import type { DownComponent, Scenario, ScenarioChange } from '../../../src/shared/scenario/types';
import { proposalsFor, type Proposal } from '../../../src/renderer/whatif/proposals';

const POOL1 = 'pool1.contoso.com';
const POOL2 = 'pool2.contoso.com';
const EDGE1 = 'edgepool1.contoso.com';
const EDGE2 = 'edgepool2.contoso.com';
const CHAT = 'pchat1.contoso.com';

const scenario = (changes: ScenarioChange[] = [], down: DownComponent[] = []): Scenario => ({ down, changes, applied: changes.length });
const ids = (ps: Proposal[]) => ps.map((p) => p.id);
const byId = (ps: Proposal[], id: string) => ps.find((p) => p.id === id);

describe('proposalsFor', () => {
  const d = demoDeployment();

  it('offers a Front End pool that hosts the CMS: mark down, fail over to its backup, media Edge, CMS failover', () => {
    const ps = proposalsFor(d, scenario(), POOL1);
    expect(ids(ps)).toEqual(['mark-down', 'failover', 'media-edge', 'cms-failover']);
    expect(byId(ps, 'mark-down')).toMatchObject({ kind: 'down', component: { kind: 'pool', fqdn: POOL1 }, down: true, label: 'Mark down' });
    expect(byId(ps, 'failover')).toMatchObject({ change: { kind: 'failoverPool', pool: POOL1 }, label: 'Fail over this pool' });
    expect(byId(ps, 'failover')?.detail).toBe(`Invoke-CsPoolFailover -PoolFQDN ${POOL1}: its users move to ${POOL2} (P1)`);
    expect(byId(ps, 'media-edge')).toMatchObject({ kind: 'dialog', dialog: { kind: 'mediaEdge', pool: POOL1 } });
    expect(byId(ps, 'cms-failover')).toMatchObject({ change: { kind: 'failoverCms' } });
    // Pool2 holds only the standby CMS.
    expect(ids(proposalsFor(d, scenario(), POOL2))).toEqual(['mark-down', 'failover', 'media-edge']);
  });

  it('follows the scenario: a marked pool offers mark up, a failed-over one its failback, a moved CMS its new pool', () => {
    const s = scenario([{ kind: 'failoverCms' }, { kind: 'failoverPool', pool: POOL1 }], [{ kind: 'pool', fqdn: POOL1 }]);
    const ps = proposalsFor(d, s, POOL1);
    expect(ids(ps)).toEqual(['mark-up', 'failback', 'media-edge']);
    expect(byId(ps, 'mark-up')).toMatchObject({ kind: 'down', down: false });
    expect(byId(ps, 'failback')).toMatchObject({ change: { kind: 'failbackPool', pool: POOL1 }, label: 'Fail back this pool' });
    expect(ids(proposalsFor(d, s, POOL2))).toContain('cms-failover');
  });

  it('offers an Edge pool its next hop, SIP federation and the XMPP routes it does not carry', () => {
    const ps = proposalsFor(d, scenario(), EDGE2);
    expect(ids(ps)).toEqual(['mark-down', 'next-hop', 'sip-here', 'xmpp:Site1']);
    expect(byId(ps, 'next-hop')).toMatchObject({ kind: 'dialog', dialog: { kind: 'nextHop', edgePool: EDGE2 }, detail: expect.stringContaining(`Now ${POOL2}`) });
    expect(byId(ps, 'sip-here')).toMatchObject({ change: { kind: 'moveSipFederation', edgePool: EDGE2 } });
    expect(byId(ps, 'xmpp:Site1')).toMatchObject({
      label: 'Move XMPP route of Datacenter1 to edgeserver2.contoso.com',
      change: { kind: 'moveXmppRoute', siteId: 'Site1', edgeServer: 'edgeserver2.contoso.com' },
    });
    // EdgePool1 carries both already.
    expect(ids(proposalsFor(d, scenario(), EDGE1))).toEqual(['mark-down', 'next-hop']);
  });

  it('fails Persistent Chat over with the servers in the backup store’s data centre, and back with the primary’s', () => {
    const over = byId(proposalsFor(d, scenario(), CHAT), 'chat-failover');
    expect(over).toMatchObject({
      change: { kind: 'failoverPersistentChat', pool: CHAT, activeServers: ['pchatsrv3.contoso.com', 'pchatsrv4.contoso.com'] },
    });
    const back = byId(proposalsFor(d, scenario([(over as Extract<Proposal, { kind: 'change' }>).change]), CHAT), 'chat-failback');
    expect(back).toMatchObject({
      change: { kind: 'failbackPersistentChat', pool: CHAT, activeServers: ['pchatsrv1.contoso.com', 'pchatsrv2.contoso.com'] },
    });
  });

  it('offers sites their down mark, next-hop edges the dialog, and nothing for what has no action', () => {
    expect(proposalsFor(d, scenario(), 'site:Site2')).toEqual([
      expect.objectContaining({ id: 'mark-down', component: { kind: 'site', siteId: 'Site2' } }),
    ]);
    expect(proposalsFor(d, scenario(), `edgeNextHop:${EDGE1}->${POOL1}`)).toEqual([
      expect.objectContaining({ id: 'next-hop', dialog: { kind: 'nextHop', edgePool: EDGE1 } }),
    ]);
    expect(proposalsFor(d, scenario(), `mediaEdge:${POOL2}->${EDGE2}`)).toEqual([
      expect.objectContaining({ id: 'media-edge', dialog: { kind: 'mediaEdge', pool: POOL2 } }),
    ]);
    expect(ids(proposalsFor(d, scenario(), 'sql1a.contoso.com'))).toEqual(['mark-down']);
    expect(proposalsFor(d, scenario(), `backupPool:${POOL1}->${POOL2}`)).toEqual([]);
    expect(proposalsFor(d, scenario(), 'nowhere.contoso.com')).toEqual([]);
  });
});
