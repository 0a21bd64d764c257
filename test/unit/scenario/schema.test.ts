import { describe, expect, it } from 'vitest';
import { scenarioSchema } from '../../../src/shared/scenario/schema';

describe('scenarioSchema', () => {
  it('accepts every change kind and normalises host names the way pools are keyed', () => {
    const parsed = scenarioSchema.parse({
      down: [
        { kind: 'site', siteId: 'Site1' },
        { kind: 'pool', fqdn: 'Pool1.Contoso.com.' },
        { kind: 'sqlStore', instanceId: 'SQL1.contoso.com\\RTC' },
      ],
      changes: [
        { kind: 'reassignNextHop', edgePool: 'EdgePool1.contoso.com', nextHop: 'pool2.contoso.com' },
        { kind: 'failoverPool', pool: 'pool1.contoso.com' },
        { kind: 'failbackPool', pool: 'pool1.contoso.com' },
        { kind: 'moveSipFederation', edgePool: 'edgepool2.contoso.com' },
        { kind: 'moveXmppRoute', siteId: 'Site2', edgeServer: 'EdgeServer2.contoso.com' },
        { kind: 'changeMediaEdge', pool: 'pool2.contoso.com', edgePool: 'edgepool2.contoso.com' },
        { kind: 'failoverPersistentChat', pool: 'chat.contoso.com', activeServers: ['chat1.contoso.com'] },
        { kind: 'failbackPersistentChat', pool: 'chat.contoso.com', activeServers: [] },
        { kind: 'failoverCms' },
      ],
      applied: 8,
    });
    expect(parsed.down[1]).toEqual({ kind: 'pool', fqdn: 'pool1.contoso.com' });
    expect(parsed.down[2]).toEqual({ kind: 'sqlStore', instanceId: 'sql1.contoso.com\\rtc' });
    expect(parsed.changes[0]).toEqual({ kind: 'reassignNextHop', edgePool: 'edgepool1.contoso.com', nextHop: 'pool2.contoso.com' });
    expect(parsed.changes[4]).toEqual({ kind: 'moveXmppRoute', siteId: 'Site2', edgeServer: 'edgeserver2.contoso.com' });
    expect(parsed.applied).toBe(8);
  });

  it('names the field that is wrong', () => {
    const bad = scenarioSchema.safeParse({ down: [], changes: [{ kind: 'failoverPool', pool: 'not a host' }], applied: 1 });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['changes', 0, 'pool']);
    expect(bad.error?.issues[0]?.message).toMatch(/not a host name/);

    const unknownKind = scenarioSchema.safeParse({ down: [], changes: [{ kind: 'rebootEverything' }], applied: 1 });
    expect(unknownKind.success).toBe(false);
  });

  it('rejects more changes applied than listed', () => {
    const bad = scenarioSchema.safeParse({ down: [], changes: [], applied: 1 });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['applied']);
  });
});
