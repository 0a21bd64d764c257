import { describe, expect, it } from 'vitest';
import type { Deployment } from '../../../src/shared/model/types';
import type { DownComponent } from '../../../src/shared/scenario/types';
import { check, demo, only, pool } from './helpers';

// The demo's Persistent Chat pool (P7's layout): stretched across both data centres, pchatsrv1/2 in
// Site1 (active), pchatsrv3/4 in Site2; the mirrored primary mgc store in Site1, the log-shipping
// backup store (and its mirror) in Site2.
const CHAT = 'pchat1.contoso.com';
const SITE1_SERVERS = ['pchatsrv1.contoso.com', 'pchatsrv2.contoso.com'];
const SITE2_SERVERS = ['pchatsrv3.contoso.com', 'pchatsrv4.contoso.com'];

const stores = (d: Deployment, which: 'primary' | 'backup'): DownComponent[] => {
  const b = pool(d, CHAT).backEnd!;
  const ids = which === 'primary' ? [b.primary!, b.mirror!] : [b.backup!, b.backupMirror!];
  return ids.map((instanceId) => ({ kind: 'sqlStore', instanceId }));
};
const chatFailover = (activeServers = SITE2_SERVERS) => ({ kind: 'failoverPersistentChat', pool: CHAT, activeServers }) as const;
const chatFailback = (activeServers = SITE1_SERVERS) => ({ kind: 'failbackPersistentChat', pool: CHAT, activeServers }) as const;

describe('rule 10: Persistent Chat failover', () => {
  it('blocks failover while the backup SQL store is down', () => {
    const d = demo();
    const [f] = only(check(d, [chatFailover()], [stores(d, 'backup')[0]!]), 'persistent-chat');
    expect(f).toMatchObject({ severity: 'blocker', change: 0, elements: [CHAT, 'pchatsql2a.contoso.com'] });
    expect(f!.message).toContain('backup SQL store is down');
  });

  it('blocks active servers that are not in the new primary database\'s site (P7 step 7)', () => {
    const d = demo();
    const [f] = only(check(d, [chatFailover(SITE1_SERVERS)], stores(d, 'primary')), 'persistent-chat');
    expect(f!.severity).toBe('blocker');
    expect(f!.message).toContain('P7 step 7');
    expect(f!.message).toContain('site Site2');
    expect(f!.message).toContain(SITE1_SERVERS.join(', '));
  });

  it('passes a failover to a running backup store with the active servers in its site', () => {
    const d = demo();
    expect(only(check(d, [chatFailover()], stores(d, 'primary')), 'persistent-chat')).toEqual([]);
    // Without a known PoolState it says what it assumed.
    d.state.persistentChat = {};
    expect(only(check(d, [chatFailover()], stores(d, 'primary')), 'persistent-chat')).toEqual([expect.objectContaining({ severity: 'info' })]);
  });

  it('proposes the servers in the database\'s site when none are given', () => {
    const [f] = only(check(demo(), [chatFailover([])]), 'persistent-chat');
    expect(f!.severity).toBe('warning');
    expect(f!.fixes[0]).toMatchObject({ change: chatFailover(SITE2_SERVERS), replace: true, at: 0 });
  });

  it('warns at the end about a running pool whose database is down and that is not failed over', () => {
    const d = demo();
    const [f] = only(check(d, [], stores(d, 'primary')), 'persistent-chat');
    expect(f!.severity).toBe('warning');
    expect(f!.message).toContain('P7');
    expect(f!.fixes[0]!.change).toEqual(chatFailover(SITE2_SERVERS));
    expect(only(check(d, [], [stores(d, 'primary')[0]!]), 'persistent-chat')).toEqual([]); // the mirror holds
  });
});

describe('rule 10: Persistent Chat failback', () => {
  const failedOver = () =>
    demo((d) => {
      d.state.persistentChat[CHAT] = { poolState: 'FailedOver', activeServers: [] };
    });

  it('blocks failing back a pool that is not failed over, or whose state is not known', () => {
    const [f] = only(check(demo(), [chatFailback()]), 'persistent-chat');
    expect(f!.severity).toBe('blocker');
    expect(f!.message).toContain('not failed over (PoolState Normal)');
    const unknown = demo((d) => void (d.state.persistentChat = {}));
    expect(only(check(unknown, [chatFailback()]), 'persistent-chat')[0]!.message).toContain('is not known');
  });

  it('blocks failing back while the primary store is down, and passes once it runs', () => {
    const d = failedOver();
    const [f] = only(check(d, [chatFailback()], stores(d, 'primary').slice(0, 1)), 'persistent-chat');
    expect(f!.severity).toBe('blocker');
    expect(f!.message).toContain('primary SQL store is down');
    expect(only(check(d, [chatFailback()]), 'persistent-chat')).toEqual([]);
  });
});
