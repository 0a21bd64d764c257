/**
 * The procedures' deployment (the built-in demo) with its state spelled out here, so each test says
 * what it relies on: Pool1 and Pool2 paired across Site1 and Site2, SIP federation on EdgePool1,
 * Site1's XMPP route on EdgeServer1, the Backup Service in sync a minute ago, Persistent Chat as the
 * demo has it (Normal, both servers active).
 */
import { demoDeployment } from '../../../src/shared/demo/demo';
import { emptyState } from '../../../src/shared/model/state';
import type { Deployment, Pool } from '../../../src/shared/model/types';
import type { Finding, RuleId } from '../../../src/shared/rules/types';
import { validate } from '../../../src/shared/rules/validate';
import type { DownComponent, Scenario, ScenarioChange } from '../../../src/shared/scenario/types';

export const NOW = Date.parse('2025-03-01T12:00:00Z');

export const POOL1 = 'pool1.contoso.com';
export const POOL2 = 'pool2.contoso.com';
export const EDGE1 = 'edgepool1.contoso.com';
export const EDGE2 = 'edgepool2.contoso.com';

export function demo(edit?: (d: Deployment) => void): Deployment {
  const d = structuredClone(demoDeployment());
  d.state = {
    ...emptyState(),
    persistentChat: d.state.persistentChat,
    backupPools: { [POOL1]: POOL2, [POOL2]: POOL1 },
    sipFederationRoutes: [EDGE1],
    xmppRoutes: { Site1: machineOf(d, EDGE1) },
    backupSync: { [POOL1]: { state: 'SteadyState', lastSync: new Date(NOW - 60_000).toISOString() } },
  };
  edit?.(d);
  return d;
}

export function pool(d: Deployment, fqdn: string): Pool {
  const found = d.topology.pools.find((p) => p.fqdn === fqdn);
  if (!found) throw new Error(`the demo has no pool ${fqdn}`);
  return found;
}

export function machineOf(d: Deployment, fqdn: string): string {
  return pool(d, fqdn).machines[0]!;
}

/** Down marks for a pool's Back End: its primary SQL store and the mirror that would keep it up. */
export function backEndDown(d: Deployment, fqdn: string): DownComponent[] {
  const stores = pool(d, fqdn).backEnd;
  if (!stores?.primary || !stores.mirror) throw new Error(`${fqdn} has no mirrored Back End in the demo`);
  return [stores.primary, stores.mirror].map((instanceId) => ({ kind: 'sqlStore', instanceId }));
}

export function scenario(changes: ScenarioChange[], down: DownComponent[] = []): Scenario {
  return { down, changes, applied: changes.length };
}

export function check(d: Deployment, changes: ScenarioChange[], down: DownComponent[] = []): Finding[] {
  return validate(d, scenario(changes, down), { now: NOW });
}

export function only(findings: Finding[], rule: RuleId): Finding[] {
  return findings.filter((f) => f.rule === rule);
}

export const downPool = (fqdn: string): DownComponent => ({ kind: 'pool', fqdn });
export const downSite = (siteId: string): DownComponent => ({ kind: 'site', siteId });
export const failover = (p: string): ScenarioChange => ({ kind: 'failoverPool', pool: p });
export const failback = (p: string): ScenarioChange => ({ kind: 'failbackPool', pool: p });
export const nextHop = (edgePool: string, hop: string): ScenarioChange => ({ kind: 'reassignNextHop', edgePool, nextHop: hop });
